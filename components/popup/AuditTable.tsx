import type { Audit } from '../../utils/alt-text/audit-record';
import { t } from '../../utils/shared/i18n';
import { AuditRow } from './AuditRow';

/** The audit's pictures that need alt text, one row each, in the table named "Unlabelled pictures". */
export function AuditTable({ audit }: { audit: Audit }) {
  return (
    <div class="table-scroll">
      <table class="audit-table" aria-labelledby="audit-table-name">
        <caption id="audit-table-name">{t('auditTableName')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colPicture')}</th>
            <th scope="col">{t('colCurrentAlt')}</th>
            <th scope="col">{t('colSuggestedAlt')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.rows.map((row, i) => (
            <AuditRow key={row.id} row={row} auditId={audit.id} number={i + 1} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { LintResult } from '../../utils/shared/alt-text-types';
import { plural, t } from '../../utils/shared/i18n';

/** What the lint changed in the alt text, and what it found and left for the user to judge. */
export function LintNotes({ lint, id }: { lint: LintResult; id?: string }) {
  const lines = [
    ...lint.changes.map((change) => t('lintRemovedOpening', change.removed)),
    ...lint.warnings.map((warning) => {
      switch (warning.kind) {
        case 'file-name':
          return t('lintFileName', warning.detail);
        case 'url':
          return t('lintUrl', warning.detail);
        case 'equals-caption':
          return t('lintEqualsCaption');
        case 'too-long':
          return plural('lintTooLong', warning.length, warning.limit);
        case 'empty':
          return t('lintEmpty');
      }
    }),
  ];
  if (lines.length === 0) return null;
  return (
    <ul class="lint-notes" id={id}>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

import { t, type MessageKey } from '../../utils/shared/i18n';

/** A select's options, one per choice, each named by its message key (choice-labels.ts and the like). */
export function ChoiceOptions({ labels }: { labels: Readonly<Record<string, MessageKey>> }) {
  return (
    <>
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>{t(label)}</option>
      ))}
    </>
  );
}

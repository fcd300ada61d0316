import { picturesTokens } from '../../utils/cost/estimate-usage';
import { formatTokens, formatUsd } from '../../utils/cost/format';
import { inputCost, type Price } from '../../utils/cost/prices';
import type { PictureRef } from '../../utils/ask/conversation';
import { t } from '../../utils/shared/i18n';
import type { Detail } from '../../utils/settings';

/** Asks the last question again at high detail, with what that adds to the cost shown first; absent when it would add nothing. */
export function LookCloser(props: { pictures: PictureRef[]; model: string; from: Detail; price: Price | undefined; disabled: boolean; onAsk(): void }) {
  const { pictures, model, from, price, disabled, onAsk } = props;
  const now = picturesTokens(model, from, pictures);
  const high = picturesTokens(model, 'high', pictures);
  const extra = now !== null && high !== null ? high - now : null;
  // The picture already went at what high detail would send: asking again would see nothing new,
  // and "+0 tokens" would read as free when the question itself is paid for again.
  if (extra === 0) return null;
  const cost = extra !== null && price ? ` · +${formatUsd(inputCost(extra, price))}` : '';
  const hint = extra === null ? t('costUnknown') : `+${formatTokens(extra)} ${t('tokens')}${cost}`;
  return (
    <span class="look-closer">
      <button type="button" disabled={disabled} onClick={onAsk} aria-describedby="look-closer-cost">
        {t('lookCloser')}
      </button>{' '}
      <span id="look-closer-cost" class="muted">({hint})</span>
    </span>
  );
}

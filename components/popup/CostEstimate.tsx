import { formatTokens, formatUsd } from '../../utils/cost/format';
import { picturesTokens } from '../../utils/cost/estimate-usage';
import { inputCost, type Price } from '../../utils/cost/prices';
import type { PictureRef } from '../../utils/ask/conversation';
import { t } from '../../utils/shared/i18n';
import type { Detail } from '../../utils/settings';

function imageTokens(model: string, detail: Detail, pictures: PictureRef[]) {
  const tokens = picturesTokens(model, detail, pictures);
  if (tokens !== null) return { tokens } as const;
  const known = pictures.every((p) => p.width && p.height);
  return { tokens: null, reason: known ? t('noFormula', model) : t('sizeUnknown') } as const;
}

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `−${text}` : text);

/**
 * What the picture will cost in the pending question, before it is sent, and how that changes
 * against the detail the conversation used so far.
 */
export function CostEstimate({
  model,
  detail,
  previousDetail,
  pictures,
  price,
  id = 'estimate',
  label,
}: {
  model: string;
  detail: Detail;
  previousDetail: Detail;
  pictures: PictureRef[];
  price: Price | undefined;
  /** Several estimates can share a page (the follow-up's, alt text's): each needs its own id. */
  id?: string;
  /** What the estimate is for, said before it ("Alt text at low detail:"). */
  label?: string;
}) {
  const estimate = imageTokens(model, detail, pictures);
  // A model that costs nothing (Chrome's own) needs no count of tokens to say what asking costs.
  const free = price !== undefined && price.input === 0 && price.cachedInput === 0 && price.output === 0;
  if (estimate.tokens === null) return <p class="muted estimate" id={id}>{label ? `${label} ` : ''}{free ? t('estimateFree') : estimate.reason}</p>;
  const cost = (tokens: number) => (price ? inputCost(tokens, price) : null);
  const dollars = cost(estimate.tokens);
  const before = detail === previousDetail ? null : imageTokens(model, previousDetail, pictures);
  const delta = before?.tokens != null ? estimate.tokens - before.tokens : null;
  return (
    <p class="muted estimate" id={id}>
      {label ? `${label} ` : ''}≈ {formatTokens(estimate.tokens)} {t('imageTokens')} · {dollars === null ? t('priceUnknownSetIt') : `≈ ${formatUsd(dollars)}`}
      {delta !== null ? (
        <span class="delta">
          {' '}({signed(delta, `${formatTokens(Math.abs(delta))} ${t('tokens')}`)}
          {price ? `, ${signed(delta, formatUsd(Math.abs(cost(delta)!)))}` : ''} {t('against', previousDetail)})
        </span>
      ) : null}
    </p>
  );
}

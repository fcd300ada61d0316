import { formatTokens, formatUsd } from '../../utils/cost/format';
import { estimateImageTokens } from '../../utils/cost/image-tokens';
import type { Price } from '../../utils/cost/prices';
import type { PictureRef } from '../../utils/ask/conversation';
import type { Detail } from '../../utils/settings';

function imageTokens(model: string, detail: Detail, picture: PictureRef) {
  if (!picture.width || !picture.height) return { tokens: null, reason: 'The size of the picture is not known, so its tokens cannot be estimated.' } as const;
  return estimateImageTokens({ model, detail, width: picture.width, height: picture.height });
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
  picture,
  price,
}: {
  model: string;
  detail: Detail;
  previousDetail: Detail;
  picture: PictureRef;
  price: Price | undefined;
}) {
  const estimate = imageTokens(model, detail, picture);
  if (estimate.tokens === null) return <p class="muted estimate" id="estimate">{estimate.reason}</p>;
  const cost = (tokens: number) => (price ? (tokens * price.input) / 1_000_000 : null);
  const dollars = cost(estimate.tokens);
  const before = detail === previousDetail ? null : imageTokens(model, previousDetail, picture);
  const delta = before?.tokens != null ? estimate.tokens - before.tokens : null;
  return (
    <p class="muted estimate" id="estimate">
      ≈ {formatTokens(estimate.tokens)} image tokens · {dollars === null ? 'price unknown — set it in the options' : `≈ ${formatUsd(dollars)}`}
      {delta !== null ? (
        <span class="delta">
          {' '}({signed(delta, `${formatTokens(Math.abs(delta))} tokens`)}
          {price ? `, ${signed(delta, formatUsd(Math.abs(cost(delta)!)))}` : ''} against {previousDetail})
        </span>
      ) : null}
    </p>
  );
}

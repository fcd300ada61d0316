/** Asks through the Responses API, streaming its typed events. */
import type OpenAI from 'openai';
import type {
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import { VisionError } from './errors';
import { t } from '../shared/i18n';
import { picturesFirst } from './first-message';
import { followUps } from './follow-ups';
import { reportedCost } from './reported-cost';
import type { StreamHandlers, StreamOutcome, Usage, VisionRequest } from './types';

/** Same shape of conversation as Chat Completions: the picture goes first in the first message. */
export function buildResponsesRequest(request: VisionRequest): ResponseCreateParamsStreaming {
  const [first, ...rest] = [...request.history, { question: request.question, answer: '' }];
  const input: ResponseInputItem[] = [
    {
      role: 'user',
      content: picturesFirst(request.imageUrls, first!.question).map((part) =>
        part.type === 'image'
          ? { type: 'input_image' as const, image_url: part.url, detail: request.detail }
          : { type: 'input_text' as const, text: part.text },
      ),
    },
  ];
  input.push(...followUps(first!, rest));
  // store: false — the extension keeps the conversation itself; nothing needs to live on the server.
  return {
    model: request.model,
    input,
    stream: true,
    store: false,
    ...(request.instructions ? { instructions: request.instructions } : {}),
    ...(request.responseFormat
      ? { text: { format: { type: 'json_schema' as const, name: request.responseFormat.name, schema: request.responseFormat.schema, strict: true } } }
      : {}),
  };
}

function toUsage(usage: ResponseUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  return {
    input: usage.input_tokens,
    cachedInput: usage.input_tokens_details?.cached_tokens ?? 0,
    output: usage.output_tokens,
    reasoning: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

function withCost(outcome: StreamOutcome, usage: ResponseUsage | null | undefined): void {
  const cost = reportedCost(usage);
  if (cost !== undefined) outcome.reportedCost = cost;
}

export async function streamResponses(
  client: OpenAI,
  request: VisionRequest,
  { onDelta, signal }: StreamHandlers,
): Promise<StreamOutcome> {
  const stream = await client.responses.create(buildResponsesRequest(request), { signal });
  const outcome: StreamOutcome = { complete: false };
  for await (const event of stream) {
    switch (event.type) {
      case 'response.output_text.delta':
        onDelta(event.delta);
        break;
      case 'response.completed':
        outcome.complete = true;
        outcome.usage = toUsage(event.response.usage);
        withCost(outcome, event.response.usage);
        break;
      case 'response.incomplete': {
        outcome.complete = true;
        outcome.usage = toUsage(event.response.usage);
        withCost(outcome, event.response.usage);
        outcome.endedEarlyBecause = event.response.incomplete_details?.reason ?? 'incomplete';
        break;
      }
      case 'response.failed': {
        const message = event.response.error?.message ?? 'the response failed';
        throw new VisionError('http', t('errInStream', message));
      }
      case 'error':
        throw new VisionError('http', t('errInStream', event.message));
      default:
        break;
    }
  }
  return outcome;
}

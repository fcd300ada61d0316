/** Asks through Chat Completions, streaming, with the usage chunk at the end. */
import type OpenAI from 'openai';
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { picturesFirst } from './first-message';
import { followUps } from './follow-ups';
import { reportedCost } from './reported-cost';
import type { StreamHandlers, StreamOutcome, VisionRequest } from './types';

/**
 * The request body. The first user message (picture first, then the first question) is built the
 * same way on every turn, so it stays byte-identical and the provider's prompt cache can discount it.
 */
export function buildChatRequest(request: VisionRequest): ChatCompletionCreateParamsStreaming {
  const [first, ...rest] = [...request.history, { question: request.question, answer: '' }];
  const parts = picturesFirst(request.imageUrls, first!.question).map(
    (part): ChatCompletionContentPart =>
      part.type === 'image' ? { type: 'image_url', image_url: { url: part.url, detail: request.detail } } : { type: 'text', text: part.text },
  );
  const messages: ChatCompletionMessageParam[] = [
    ...(request.instructions ? [{ role: 'system' as const, content: request.instructions }] : []),
    { role: 'user', content: parts },
  ];
  messages.push(...followUps(first!, rest));
  return {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.responseFormat
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema, strict: true } } }
      : {}),
  };
}

export async function streamChat(
  client: OpenAI,
  request: VisionRequest,
  { onDelta, signal }: StreamHandlers,
): Promise<StreamOutcome> {
  const stream = await client.chat.completions.create(buildChatRequest(request), { signal });
  const outcome: StreamOutcome = { complete: false };
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const text = choice?.delta?.content;
    if (text) onDelta(text);
    if (choice?.finish_reason) {
      outcome.complete = true;
      if (choice.finish_reason !== 'stop') outcome.endedEarlyBecause = choice.finish_reason;
    }
    if (chunk.usage) {
      outcome.usage = {
        input: chunk.usage.prompt_tokens,
        cachedInput: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        output: chunk.usage.completion_tokens,
        reasoning: chunk.usage.completion_tokens_details?.reasoning_tokens ?? 0,
      };
      const cost = reportedCost(chunk.usage);
      if (cost !== undefined) outcome.reportedCost = cost;
    }
  }
  return outcome;
}

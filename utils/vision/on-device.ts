/**
 * Answers with Chrome's built-in model: no server, no key, no cost. The conversation is shaped as
 * for the APIs (the picture first, then the question, then each answer and follow-up): everything
 * before the question being asked becomes the session's initial prompts, and the question is
 * streamed. The pictures arrive as the data URLs the bytes mode prepared and go to the model as
 * Blobs, never as addresses (the model downloads nothing). Usage is the session's own context
 * count, and the dollars are zero.
 */
import { t } from '../shared/i18n';
import { picturesFirst } from './first-message';
import { followUps } from './follow-ups';
import { VisionError } from './errors';
import {
  contextUsed,
  contextWindowOf,
  languageModel,
  measureUsage,
  onDeviceOptions,
  type OnDeviceSession,
  type PromptContent,
  type PromptMessage,
  type PromptOptions,
} from './language-model';
import type { StreamHandlers, StreamOutcome, VisionRequest } from './types';

/** A prepared picture (a data URL) as the Blob the model takes. */
async function pictureBlob(url: string): Promise<Blob> {
  // Bytes mode hands over data URLs only; an address here would mean the model is asked to fetch.
  if (!url.startsWith('data:')) throw new VisionError('image', t('errOnDeviceAddress'));
  return (await fetch(url)).blob();
}

/** The whole conversation as Prompt API messages, the question being asked last. */
export async function onDeviceMessages(request: VisionRequest): Promise<{ initial: PromptMessage[]; prompt: PromptMessage[] }> {
  const [first, ...rest] = [...request.history, { question: request.question, answer: '' }];
  const blobs = await Promise.all(request.imageUrls.map(pictureBlob));
  let picture = 0;
  const firstContent = picturesFirst(request.imageUrls, first!.question).map(
    (part): PromptContent => (part.type === 'image' ? { type: 'image', value: blobs[picture++]! } : { type: 'text', value: part.text }),
  );
  const messages: PromptMessage[] = [
    ...(request.instructions ? [{ role: 'system' as const, content: request.instructions }] : []),
    { role: 'user', content: firstContent },
    ...followUps(first!, rest).map((message): PromptMessage => ({ role: message.role, content: [{ type: 'text', value: message.content }] })),
  ];
  return { initial: messages.slice(0, -1), prompt: messages.slice(-1) };
}

/** The Prompt API's refusals (DOMException names), in words that say what to do. */
export function onDeviceError(error: unknown, constrained: boolean): VisionError {
  if (error instanceof VisionError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'AbortError':
      return new VisionError('aborted', t('errStopped'));
    case 'NotSupportedError':
      // A schema the model will not follow: answered like a server refusing structured output
      // (the request runner asks again in plain text, retry-policy.ts), which is why the field is named as the APIs name it.
      if (constrained) return new VisionError('settings', t('errOnDeviceFormat'), undefined, undefined, 'response_format');
      return new VisionError('settings', t('errOnDeviceNotSupported'));
    case 'NotAllowedError':
      return new VisionError('settings', t('errOnDeviceNotAllowed'));
    case 'QuotaExceededError':
      return new VisionError('settings', t('errOnDeviceTooLong'));
    case 'EncodingError':
      return new VisionError('image', t('errOnDeviceEncoding'));
    default:
      return new VisionError('unknown', t('errOnDeviceFailed', error instanceof Error ? error.message || name : String(error)));
  }
}

/** What an answer used of the session's context: the question and history in, the answer out. */
async function measuredUsage(session: OnDeviceSession, prompt: PromptMessage[], options: PromptOptions) {
  const before = contextUsed(session);
  const question = await measureUsage(session, prompt, options).catch((error: unknown) => {
    // The answer does not depend on it; without it the usage is estimated, and marked so.
    console.warn('Chrome could not measure the question; its usage will be estimated.', error);
    return undefined;
  });
  return () => {
    const after = contextUsed(session);
    const window = contextWindowOf(session);
    if (before === undefined || after === undefined || question === undefined) return {};
    const input = before + question;
    return {
      usage: { input, cachedInput: 0, output: Math.max(0, after - input), reasoning: 0 },
      ...(window ? { context: { used: after, window } } : {}),
    };
  };
}

export async function streamOnDevice(request: VisionRequest, language: string, handlers: StreamHandlers): Promise<StreamOutcome> {
  const { signal, onDelta, onProgress } = handlers;
  const constrained = Boolean(request.responseFormat);
  const api = languageModel();
  if (!api) throw new VisionError('settings', t('onDeviceMissing'));
  const options = onDeviceOptions(language);
  let session: OnDeviceSession | undefined;
  try {
    if ((await api.availability(options)) === 'unavailable') throw new VisionError('settings', t('onDeviceUnavailable'));
    const { initial, prompt } = await onDeviceMessages(request);
    session = await api.create({
      ...options,
      ...(initial.length ? { initialPrompts: initial } : {}),
      signal,
      // Only the first use downloads the model; its progress shows in the popup meanwhile.
      monitor: (monitor) => monitor.addEventListener('downloadprogress', (event) => onProgress?.((event as Event & { loaded: number }).loaded)),
    });
    const promptOptions: PromptOptions = { signal, ...(request.responseFormat ? { responseConstraint: request.responseFormat.schema } : {}) };
    const settle = await measuredUsage(session, prompt, promptOptions);
    const reader = session.promptStreaming(prompt, promptOptions).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (chunk.value) onDelta(chunk.value);
    }
    // Nothing to pay: the dollars are the model's own report of zero, not a price looked up.
    return { complete: true, reportedCost: 0, ...settle() };
  } catch (error) {
    throw onDeviceError(error, constrained);
  } finally {
    // The model's memory is the device's: a session is let go as soon as its answer is done.
    session?.destroy();
  }
}

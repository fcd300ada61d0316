/**
 * A stand-in for Chrome's built-in model (the Prompt API's `LanguageModel`), which the Chromium on
 * these machines does not have. It behaves as the API is documented to (../shared/guide/vision-api.md):
 * availability() for given options, create() with a download monitor and initial prompts, a session
 * that streams its reply, counts its context and is destroyed. It refuses as the real one does, by
 * DOMException name, and writes down everything it was given.
 *
 * `installFakeLanguageModel` uses nothing but globals, so the very same function is installed in
 * unit tests and, through Playwright's evaluate, in the extension's service worker and pages.
 */

export interface FakeModelConfig {
  availability: 'unavailable' | 'downloadable' | 'downloading' | 'available';
  /** The reply, piece by piece. */
  reply: string[];
  contextWindow: number;
  /** Download progress create() reports (0 to 1) before the model is available. */
  download?: number[];
  /** A DOMException name create() rejects with. */
  createError?: string;
  /** A DOMException name the reply stream fails with, after its first piece when `afterFirst`. */
  promptError?: string;
  afterFirst?: boolean;
  /** A DOMException name a prompt with a responseConstraint fails with (a schema the model refuses). */
  constraintError?: string;
  /** Older Chrome's member names (inputUsage, inputQuota, measureInputUsage). */
  oldNames?: boolean;
}

/** What the model was given: pictures as their type and size, since Blobs do not cross evaluate(). */
export type LoggedContent = { type: 'text'; value: string } | { type: 'image'; mime: string; bytes: number } | { type: 'other'; kind: string };
export interface LoggedMessage {
  role: string;
  content: LoggedContent[];
}
export interface FakeModelLog {
  availability: unknown[];
  created: { options: unknown; initialPrompts: LoggedMessage[] }[];
  prompts: { input: LoggedMessage[]; constraint: unknown }[];
  destroyed: number;
}

export function installFakeLanguageModel(config: FakeModelConfig): void {
  const log: FakeModelLog = { availability: [], created: [], prompts: [], destroyed: 0 };
  let availability = config.availability;

  // A made-up but steady count: four characters a token, a picture 256 tokens.
  type Content = { type: string; value: unknown };
  type Message = { role: string; content: string | Content[] };
  const contentsOf = (message: Message): Content[] => (typeof message.content === 'string' ? [{ type: 'text', value: message.content }] : message.content);
  const tokensOf = (messages: Message[]) =>
    messages.flatMap(contentsOf).reduce((sum, part) => sum + (part.type === 'image' ? 256 : Math.ceil(String(part.value).length / 4)), 0);
  const described = (messages: Message[]): LoggedMessage[] =>
    messages.map((message) => ({
      role: message.role,
      content: contentsOf(message).map((part): LoggedContent => {
        if (part.type === 'text' && typeof part.value === 'string') return { type: 'text', value: part.value };
        if (part.type === 'image' && part.value instanceof Blob) return { type: 'image', mime: part.value.type, bytes: part.value.size };
        return { type: 'other', kind: `${part.type}:${Object.prototype.toString.call(part.value)}` };
      }),
    }));
  const refusal = (name: string) => new DOMException(`The fake model refuses: ${name}`, name);
  const aborted = (signal?: AbortSignal) => signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');

  class Session {
    private used: number;
    constructor(initial: Message[]) {
      this.used = tokensOf(initial);
    }
    get contextUsage() {
      return config.oldNames ? undefined : this.used;
    }
    get inputUsage() {
      return config.oldNames ? this.used : undefined;
    }
    get contextWindow() {
      return config.oldNames ? undefined : config.contextWindow;
    }
    get inputQuota() {
      return config.oldNames ? config.contextWindow : undefined;
    }
    measureContextUsage(input: Message[]) {
      return Promise.resolve(tokensOf(input));
    }
    measureInputUsage(input: Message[]) {
      return Promise.resolve(tokensOf(input));
    }
    promptStreaming(input: Message[], options: { signal?: AbortSignal; responseConstraint?: unknown } = {}): ReadableStream<string> {
      log.prompts.push({ input: described(input), constraint: options.responseConstraint ?? null });
      const pieces = [...config.reply];
      let sent = 0;
      return new ReadableStream<string>({
        pull: (controller) => {
          if (options.signal?.aborted) return controller.error(aborted(options.signal));
          if (options.responseConstraint && config.constraintError) return controller.error(refusal(config.constraintError));
          if (config.promptError && (!config.afterFirst || sent === 1)) return controller.error(refusal(config.promptError));
          const piece = pieces.shift();
          if (piece === undefined) {
            this.used += tokensOf(input) + tokensOf([{ role: 'assistant', content: config.reply.join('') }]);
            return controller.close();
          }
          sent += 1;
          // One piece per turn of the event loop, as a model writes: a stop can land in between.
          return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => controller.enqueue(piece));
        },
      });
    }
    destroy() {
      log.destroyed += 1;
    }
  }

  const api = {
    availability(options: unknown) {
      log.availability.push(JSON.parse(JSON.stringify(options)));
      return Promise.resolve(availability);
    },
    async create(options: { initialPrompts?: Message[]; signal?: AbortSignal; monitor?(monitor: EventTarget): void } & Record<string, unknown>) {
      const { initialPrompts = [], signal, monitor, ...rest } = options;
      log.created.push({ options: JSON.parse(JSON.stringify(rest)), initialPrompts: described(initialPrompts) });
      if (signal?.aborted) throw aborted(signal);
      if (availability === 'unavailable') throw refusal('NotSupportedError');
      if (config.createError) throw refusal(config.createError);
      if (availability !== 'available') {
        const target = new EventTarget();
        monitor?.(target);
        for (const loaded of config.download ?? [0, 1]) {
          // Each step after the page has handled the last one (its render runs as a microtask too).
          await new Promise<void>((resolve) => queueMicrotask(resolve));
          target.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
        }
        availability = 'available';
      }
      return new Session(initialPrompts);
    },
  };
  Object.defineProperty(globalThis, 'LanguageModel', { value: api, configurable: true, writable: true });
  Object.defineProperty(globalThis, '__fakeLanguageModel', { value: log, configurable: true, writable: true });
}

/** What the installed fake was given (in the realm it was installed in). */
export function fakeLanguageModelLog(): FakeModelLog {
  return (globalThis as unknown as { __fakeLanguageModel: FakeModelLog }).__fakeLanguageModel;
}

export function removeFakeLanguageModel(): void {
  delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
  delete (globalThis as { __fakeLanguageModel?: unknown }).__fakeLanguageModel;
}

/**
 * A local OpenAI-compatible server for tests. It speaks real SSE over node:http, records every
 * request, validates each body against OpenAI's OpenAPI description, and can be told to fail:
 * answer with a status, wait before the first byte, stream slowly, or cut the stream.
 */
import { EventEmitter, once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { measuredUsage } from './measure';
import { OLLAMA_PICTURE_TYPES, OPENAI_PICTURE_TYPES, pictureRefusal } from './picture-check';
import { loadSchemas, schemaViolations, type SchemaName } from './openapi-validator';

export interface FakeUsage {
  input: number;
  output: number;
  cachedInput?: number;
  reasoning?: number;
}

/** What the server does with the next request. Everything is optional. */
export interface Reply {
  /** The answer, streamed word by word (or sent whole when the request does not stream). */
  text?: string;
  usage?: FakeUsage;
  /** Answer with a 307 to this address instead, as a moved or hijacked server might. */
  redirectTo?: string;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  error?: { message: string; type?: string; code?: string | null; param?: string | null };
  /** Answer a streamed request with status 200 and this error as a JSON body, as LM Studio does. */
  errorIn200?: string;
  /** Extra headers for a status reply, e.g. `retry-after` on a 429 or 503. */
  headers?: Record<string, string>;
  /** After this many text chunks, an event whose data is not JSON, as a broken proxy might send. */
  malformedAfterChunks?: number;
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
  /**
   * Stop after this many text chunks. 'destroy' drops the connection mid-body (what the client
   * sees when a proxy or the network fails): what was sent still arrives first, then the body ends
   * unfinished. 'end' closes the stream cleanly but without the final events.
   */
  cut?: {
    afterChunks: number;
    how: 'destroy' | 'end';
    /**
     * Cut only once this settles. A connection that breaks moments after the last words were
     * written can lose them inside the browser's network stack, so a test that wants to check
     * what arrived is kept waits until it has seen those words arrive.
     */
    after?: Promise<unknown>;
  };
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** What the request cost in USD, reported in the usage object as `cost`, as OpenRouter does. */
  cost?: number;
  /** Count the input tokens from what the request carried (measure.ts), as a real server would. */
  measure?: boolean;
  /** The stream starts, then waits for this before its first word: a test gets ready without racing the answer. */
  holdUntil?: Promise<unknown>;
  /** After this many words, waits for `until` before the rest: a test sees words on screen mid-answer, however slow the machine. */
  pause?: { afterChunks: number; until: Promise<unknown> };
}

/** What the server does with the next GET /models: fail with a status, or take its time. */
export type ModelsReply = Pick<Reply, 'status' | 'error' | 'headers' | 'firstByteDelayMs'> & {
  /** Answer 200 with this body as text/html instead of the list, as a web page at a wrong base URL would. */
  html?: string;
};

/** The models a fresh server lists. */
export const DEFAULT_MODELS: readonly string[] = ['gpt-4.1-mini'];

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Resolves with how the exchange ended: the server finished, or the client went away first. */
  closed: Promise<'finished' | 'aborted'>;
  /** When the whole body had arrived, in ms since the epoch (performance.timeOrigin + now), for the benchmark. */
  receivedAt: number;
}

export const DEFAULT_REPLY: Required<Pick<Reply, 'text' | 'usage'>> = {
  text: 'A red square sits in the middle of a white background. Nothing else is in the picture.',
  usage: { input: 1234, output: 56 },
};

const SCHEMAS: Record<string, SchemaName> = {
  '/v1/chat/completions': 'CreateChatCompletionRequest',
  '/v1/responses': 'CreateResponse',
};

/** A picture sent as a web address (Chat's image_url.url, Responses' input_image.image_url), not as a data URL. */
export function carriesPictureAddress(raw: string): boolean {
  return /"(image_url|url)"\s*:\s*(\{\s*"url"\s*:\s*)?"https?:/.test(raw);
}

function words(text: string): string[] {
  return text.split(/(?<=\s)/);
}

function sse(res: ServerResponse, data: unknown, event?: string): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

export class FakeOpenAI extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  /** Bodies that broke the OpenAPI schema; a test fails when this is not empty. */
  readonly violations: string[] = [];
  private readonly queue: Reply[] = [];
  private readonly modelsQueue: ModelsReply[] = [];
  /** The model ids GET /models lists; a test sets its own. */
  models: string[] = [...DEFAULT_MODELS];
  /** How long GET /pictures/… waits before answering: a slow image host, for tests of Stop. */
  pictureDelayMs = 0;
  /**
   * Ollama's ways (vision-api.md): an empty 403 to a browser extension's Origin unless it was started
   * with OLLAMA_ORIGINS allowing them, and a 400 for any picture sent as a web address.
   */
  ollama: { extensionsAllowed: boolean } | null = null;
  /**
   * Azure OpenAI's v1 API (vision-api.md): the routes live under /openai/v1/ (`azureUrl`), and the
   * key must come in the `api-key` header; without it, a 401 as Azure answers, whatever else is sent.
   */
  azure: { apiKey: string } | null = null;
  /**
   * LM Studio's ways (vision-api.md): it cannot download a picture's address either, and says so
   * not with a 4xx but with HTTP 200 and an error in the body (the words LM Studio itself uses).
   */
  lmstudio = false;
  /** What a request gets when no reply is queued, over DEFAULT_REPLY (`npm run fake-server` sets its own). */
  defaultReply: Reply = {};
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private baseUrl = '';

  /**
   * `validate: false` leaves request bodies unchecked, for the server run on its own where OpenAI's
   * OpenAPI description (../shared/openai-openapi.yaml) is not at hand; the tests always check them.
   */
  constructor(private readonly options: { validate?: boolean } = {}) {
    super();
  }

  /** Listens on 127.0.0.1 at `port`, or at a free port when it is 0. */
  async start(port = 0): Promise<this> {
    if (this.validates) loadSchemas();
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  private get validates(): boolean {
    return this.options.validate ?? true;
  }

  /** The base URL to put in the extension's options. */
  get url(): string {
    return this.baseUrl;
  }

  /** The base URL in Azure's form (for the `azure` mode). */
  get azureUrl(): string {
    return this.baseUrl.replace(/\/v1$/, '/openai/v1');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  /** Queues what the next request gets; without one, requests get DEFAULT_REPLY. */
  reply(reply: Reply): this {
    this.queue.push(reply);
    return this;
  }

  /** Queues what the next GET /models gets (apart from the queue of answers); without one, the list of `models`. */
  replyToModels(reply: ModelsReply): this {
    this.modelsQueue.push(reply);
    return this;
  }

  /** The model listings asked for (GET /models, under /openai in Azure's form). */
  get listings(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && /\/v1\/models$/.test(r.path));
  }

  /** API requests (model listing and preflights left out). */
  get asks(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST');
  }

  /** Resolves when the `n`-th API request (1-based) has arrived. */
  async waitForAsk(n: number): Promise<RecordedRequest> {
    while (this.asks.length < n) await once(this, 'request');
    return this.asks[n - 1]!;
  }

  /** Resolves when a GET for `path` has arrived. */
  async waitForGet(path: string): Promise<void> {
    while (!this.requests.some((r) => r.method === 'GET' && r.path === path)) await once(this, 'request');
  }

  reset(): void {
    this.pictureDelayMs = 0;
    this.ollama = null;
    this.azure = null;
    this.lmstudio = false;
    this.requests.length = 0;
    this.violations.length = 0;
    this.queue.length = 0;
    this.modelsQueue.length = 0;
    this.models = [...DEFAULT_MODELS];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const closed = new Promise<'finished' | 'aborted'>((resolve) => {
      res.once('close', () => resolve(res.writableFinished ? 'finished' : 'aborted'));
    });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const receivedAt = performance.timeOrigin + performance.now();
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch (error) {
        this.violations.push(`${path}: the body is not JSON (${String(error)})`);
      }
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, closed, receivedAt };
    this.requests.push(record);
    this.emit('request', record);

    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    // Ollama refuses an OPTIONS that carries a refused Origin too (the connection test's origin check).
    if (req.method === 'OPTIONS') return void res.writeHead(this.refusesOrigin(req) ? 403 : 204).end();
    if (req.method === 'GET' && path.startsWith('/pictures/')) {
      if (this.pictureDelayMs) await delay(this.pictureDelayMs);
      if (res.destroyed) return;
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(readFileSync(resolve(import.meta.dirname, '../fixtures/images/red.png')));
    }
    // Where the API's routes are: under /openai in Azure's form, and only there.
    const apiPath = !this.azure ? path : path.startsWith('/openai/v1/') ? path.slice('/openai'.length) : '';
    if (this.azure && apiPath && req.headers['api-key'] !== this.azure.apiKey) {
      return void this.json(res, 401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } });
    }
    if (req.method === 'GET' && apiPath === '/v1/models') {
      // Ollama turns an extension's Origin away on the model list as on the chat.
      if (this.refusesOrigin(req)) return void res.writeHead(403).end();
      return void (await this.listModels(res));
    }
    const schema = SCHEMAS[apiPath];
    if (req.method !== 'POST' || !schema) {
      return void this.json(res, 404, { error: { message: `Unknown route ${req.method} ${path}`, type: 'invalid_request_error' } });
    }
    const violations = this.validates ? schemaViolations(schema, body) : [];
    if (violations.length > 0) {
      this.violations.push(...violations);
      return void this.json(res, 400, { error: { message: violations.join('; '), type: 'invalid_request_error' } });
    }
    if (this.ollama) {
      if (this.refusesOrigin(req)) return void res.writeHead(403).end();
      if (carriesPictureAddress(raw)) {
        return void this.json(res, 400, { error: { message: 'image URLs are not currently supported, please use base64 encoded data instead', type: 'invalid_request_error', param: null, code: null } });
      }
    }
    if (this.lmstudio && carriesPictureAddress(raw)) {
      return void this.json(res, 200, { error: "'url' field must be a base64 encoded image." });
    }
    const refusal = pictureRefusal(body, this.ollama ? OLLAMA_PICTURE_TYPES : OPENAI_PICTURE_TYPES);
    if (refusal) return void this.json(res, 400, { error: { type: 'invalid_request_error', param: null, ...refusal } });
    const reply = { ...DEFAULT_REPLY, ...(this.queue.shift() ?? this.defaultReply) };
    if (reply.measure) reply.usage = await measuredUsage(body, reply.usage.output);
    if (reply.firstByteDelayMs) await delay(reply.firstByteDelayMs);
    if (reply.redirectTo) return void res.writeHead(307, { location: reply.redirectTo }).end();
    if (reply.errorIn200) return void this.json(res, 200, { error: reply.errorIn200 });
    if (reply.status) {
      const error = reply.error ?? { message: `Fake failure ${reply.status}` };
      return void this.json(res, reply.status, { error: { type: 'invalid_request_error', code: null, param: null, ...error } }, reply.headers);
    }
    const request = body as { stream?: boolean; model: string };
    if (!request.stream) return void this.json(res, 200, this.wholeAnswer(apiPath, request.model, reply));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    if (apiPath === '/v1/chat/completions') await this.streamChat(res, request.model, reply);
    else await this.streamResponses(res, request.model, reply);
  }

  /** Ollama's empty 403 for a browser extension, unless started with OLLAMA_ORIGINS allowing them. */
  private refusesOrigin(req: IncomingMessage): boolean {
    return !!this.ollama && !this.ollama.extensionsAllowed && /^(chrome|moz)-extension:/.test(req.headers.origin ?? '');
  }

  private async listModels(res: ServerResponse): Promise<void> {
    const reply = this.modelsQueue.shift() ?? {};
    if (reply.firstByteDelayMs) await delay(reply.firstByteDelayMs);
    // The client gave up waiting (a test of the timeout): nothing is left to answer.
    if (res.destroyed) return;
    if (reply.html !== undefined) return void res.writeHead(200, { 'content-type': 'text/html' }).end(reply.html);
    if (reply.status) {
      const error = reply.error ?? { message: `Fake failure ${reply.status}` };
      return void this.json(res, reply.status, { error: { type: 'invalid_request_error', code: null, param: null, ...error } }, reply.headers);
    }
    this.json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
  }

  private json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(data));
  }

  /** Sends the text chunks; false when the reply says to cut the stream (and it was cut). */
  private async sendChunks(res: ServerResponse, reply: Reply, send: (piece: string) => void): Promise<boolean> {
    let sent = 0;
    if (reply.holdUntil) await reply.holdUntil;
    for (const piece of words(reply.text ?? '')) {
      if (res.destroyed) return false;
      if (reply.cut && sent === reply.cut.afterChunks) {
        if (reply.cut.after) await reply.cut.after;
        // The connection ends without the end of the body, as when a proxy or the network fails.
        if (reply.cut.how === 'destroy') res.socket?.end();
        else res.end();
        return false;
      }
      if (reply.malformedAfterChunks === sent) res.write('data: {"choices": [{"delta": {"content": "tr\n\n');
      send(piece);
      sent += 1;
      if (sent === reply.pause?.afterChunks) await reply.pause.until;
      if (reply.chunkDelayMs) await delay(reply.chunkDelayMs);
    }
    return !res.destroyed;
  }

  private async streamChat(res: ServerResponse, model: string, reply: Reply): Promise<void> {
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
    sse(res, { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    const whole = await this.sendChunks(res, reply, (piece) =>
      sse(res, { ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }),
    );
    if (!whole) return;
    sse(res, { ...base, choices: [{ index: 0, delta: {}, finish_reason: reply.finishReason ?? 'stop' }] });
    sse(res, { ...base, choices: [], usage: chatUsage(reply.usage!, reply.cost) });
    sse(res, '[DONE]');
    res.end();
  }

  private async streamResponses(res: ServerResponse, model: string, reply: Reply): Promise<void> {
    let sequence = 0;
    const event = (type: string, data: Record<string, unknown>) => sse(res, { type, sequence_number: sequence++, ...data }, type);
    const response = { id: 'resp_fake', object: 'response', created_at: Math.floor(Date.now() / 1000), model, output: [] };
    event('response.created', { response: { ...response, status: 'in_progress' } });
    const whole = await this.sendChunks(res, reply, (delta) =>
      event('response.output_text.delta', { item_id: 'msg_fake', output_index: 0, content_index: 0, delta, logprobs: [] }),
    );
    if (!whole) return;
    const usage = responsesUsage(reply.usage!, reply.cost);
    if (reply.finishReason === 'length') {
      event('response.incomplete', { response: { ...response, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage } });
    } else {
      event('response.completed', { response: { ...response, status: 'completed', usage } });
    }
    res.end();
  }

  private wholeAnswer(path: string, model: string, reply: Reply): unknown {
    if (path === '/v1/chat/completions') {
      return {
        id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: reply.finishReason ?? 'stop' }],
        usage: chatUsage(reply.usage!, reply.cost),
      };
    }
    return {
      id: 'resp_fake', object: 'response', created_at: Math.floor(Date.now() / 1000), model, status: 'completed',
      output: [{ type: 'message', id: 'msg_fake', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: reply.text, annotations: [] }] }],
      usage: responsesUsage(reply.usage!, reply.cost),
    };
  }
}

function chatUsage(u: FakeUsage, cost: number | undefined) {
  return {
    ...(cost !== undefined ? { cost } : {}),
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cachedInput ?? 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
  };
}

function responsesUsage(u: FakeUsage, cost: number | undefined) {
  return {
    ...(cost !== undefined ? { cost } : {}),
    input_tokens: u.input,
    output_tokens: u.output,
    total_tokens: u.input + u.output,
    input_tokens_details: { cached_tokens: u.cachedInput ?? 0 },
    output_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
  };
}

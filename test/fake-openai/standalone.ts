/**
 * The fake server on its own (`npm run fake-server`, scripts/fake-server.mjs): the extension can be
 * tried without a key. Every question gets the same answer, streamed word by word as a real model's
 * would be, until the server is stopped. Bodies are checked against OpenAI's schema when
 * ../shared/openai-openapi.yaml is there, and what breaks it is said on the terminal.
 */
import { existsSync } from 'node:fs';
import { FakeOpenAI, type RecordedRequest } from './server';
import { SPEC_PATH } from './openapi-validator';

export const STANDALONE_ANSWER =
  'This answer comes from the local fake server, not from a model: the picture and your question arrived, ' +
  'and every question gets this same reply, streamed word by word. Put a real provider’s base URL and key ' +
  'in the options to hear what is in the picture.';

/** How many requests the server keeps in memory: a long session must not grow without end. */
const KEPT = 20;

export interface Standalone {
  url: string;
  /** Whether request bodies are checked against OpenAI's schema (the description file is there). */
  validates: boolean;
  specPath: string;
  stop(): Promise<void>;
}

export async function startStandalone(port: number, log: (line: string) => void): Promise<Standalone> {
  const validates = existsSync(SPEC_PATH);
  const server = new FakeOpenAI({ validate: validates });
  server.defaultReply = { text: STANDALONE_ANSWER, chunkDelayMs: 30 };
  server.on('request', (request: RecordedRequest) => {
    if (request.method !== 'OPTIONS') log(`${request.method} ${request.path}`);
    // The body is checked after this event: what it broke is said once answered, then forgotten.
    void request.closed.then(() => {
      for (const violation of server.violations.splice(0)) log(`  breaks OpenAI's schema: ${violation}`);
    });
    // Old requests (pictures included) are let go.
    if (server.requests.length > KEPT) server.requests.splice(0, server.requests.length - KEPT);
  });
  await server.start(port);
  return { url: server.url, validates, specPath: SPEC_PATH, stop: () => server.stop() };
}

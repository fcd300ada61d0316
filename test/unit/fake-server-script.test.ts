/**
 * `npm run fake-server` starts the local OpenAI-compatible server on its own and prints the base URL
 * to paste into the options; that URL lists models and streams an answer to every question, until
 * Ctrl+C stops it. Run through npm, as the README says to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let started: ChildProcess | undefined;

afterEach(() => {
  // npm, its shell and the server share a process group of their own: a failed test ends them all.
  const child = started;
  started = undefined;
  // Ended by Ctrl+C, npm has a signal and no exit code: nothing is left to end.
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    // The group can be gone a moment before its leader's exit is reported: then there is nothing to end.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
});

/** Resolves with the first stdout line matching `pattern`; fails with what was said when it exits first or is silent too long. */
function lineMatching(child: ChildProcess, pattern: RegExp, timeoutMs = 45_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let said = '';
    const done = (error?: Error, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match!);
    };
    const onData = (data: Buffer) => {
      said += data.toString();
      const match = said.match(pattern);
      if (match) done(undefined, match);
    };
    const onExit = (code: number | null) => done(new Error(`npm run fake-server exited (code ${code}) before printing ${pattern}; it said: ${said}`));
    const timer = setTimeout(() => done(new Error(`npm run fake-server printed no ${pattern} within ${timeoutMs} ms; it said: ${said}`)), timeoutMs);
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

async function streamedText(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-fake' },
    body: JSON.stringify({ model: 'gpt-4.1-mini', stream: true, messages: [{ role: 'user', content: 'What is in this picture?' }] }),
  });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  let text = '';
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const chunk = JSON.parse(line.slice('data: '.length)) as { choices: { delta: { content?: string } }[] };
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return text;
}

describe('npm run fake-server', () => {
  it('prints a base URL that lists models and streams an answer to every question, until Ctrl+C', async () => {
    const child = spawn('npm', ['run', 'fake-server', '--', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started = child;
    const [, baseUrl] = await lineMatching(child, /server at (http:\/\/127\.0\.0\.1:\d+\/v1)\n/);

    const models = (await (await fetch(`${baseUrl}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toContain('gpt-4.1-mini');
    const first = await streamedText(baseUrl!);
    expect(first.split(' ').length).toBeGreaterThan(10);
    expect(await streamedText(baseUrl!)).toBe(first);

    const ended = once(child, 'exit');
    // Ctrl+C in a terminal reaches the whole group: npm, its shell and the server.
    process.kill(-child.pid!, 'SIGINT');
    await ended;
    await expect(fetch(`${baseUrl}/models`)).rejects.toThrow();
  });
});

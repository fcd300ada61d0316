/**
 * `npm start` stays in the foreground while its browser runs (issue 21: it returned as soon as
 * Chromium was launched, so `xvfb-run -a npm start` closed the display under it). The browser here
 * is a stand-in given as CHROME_PATH, as the script allows: a small program that runs until it is
 * told to stop, and writes down its id and the signal it got. The last build is opened as it is
 * (--no-build), from a folder holding only a manifest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';

const FAKE_BROWSER = `#!/usr/bin/env node
const { writeFileSync } = require('node:fs');
const marks = process.env.FAKE_BROWSER_MARKS;
writeFileSync(marks + '/pid', String(process.pid));
process.on('SIGTERM', () => {
  writeFileSync(marks + '/signal', 'SIGTERM');
  process.exit(0);
});
// Runs until told to stop, as a browser does.
setInterval(() => {}, 1 << 30);
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'npm-start-'));
  await writeFile(join(dir, 'browser.cjs'), FAKE_BROWSER);
  await chmod(join(dir, 'browser.cjs'), 0o755);
  await writeFile(join(dir, 'manifest.json'), '{}');
  return () => rm(dir, { recursive: true, force: true });
});

const started: ChildProcess[] = [];
const browsers: number[] = [];
afterEach(() => {
  // A failed test must not leave its stand-in browser or script running.
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of browsers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      // Already gone (ESRCH), as it is when the test passed; anything else is worth failing on.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
});

/** Polls `check` until it holds; fails saying what it waited for. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function startScript(marks: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, CHROME_PATH: join(dir, 'browser.cjs'), EXTENSION_DIR: dir, DISPLAY: ':99', FAKE_BROWSER_MARKS: marks },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  return { child, output: () => output };
}

async function browserPid(marks: string): Promise<number> {
  await until(() => existsSync(join(marks, 'pid')), 'the stand-in browser to start');
  const pid = Number(await readFile(join(marks, 'pid'), 'utf8'));
  browsers.push(pid);
  return pid;
}

/** Waits for the line saying how to stop, failing at once if the script has returned instead. */
async function saysHowToStop(child: ChildProcess, output: () => string): Promise<void> {
  await until(() => {
    if (child.exitCode !== null) throw new Error(`npm start returned (code ${child.exitCode}) while its browser ran; it said: ${output()}`);
    return output().includes('To stop, close Chromium, or press Ctrl+C here.');
  }, 'the line saying how to stop');
}

describe('npm start', () => {
  it('stays in the foreground while the browser runs, says how to stop, and ends when the browser closes', async () => {
    const marks = await mkdtemp(join(dir, 'marks-'));
    const { child, output } = startScript(marks);
    const pid = await browserPid(marks);
    await saysHowToStop(child, output);

    // The user closes the browser: only then does the command end, and it says so.
    const ended = once(child, 'exit');
    process.kill(pid, 'SIGTERM');
    const [code] = await ended;
    expect(output()).toMatch(/Chromium has closed\.\n$/);
    expect(code).toBe(0);
  });

  it('Ctrl+C closes the browser too, and ends', async () => {
    const marks = await mkdtemp(join(dir, 'marks-'));
    const { child, output } = startScript(marks);
    await browserPid(marks);
    await saysHowToStop(child, output);
    const ended = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = await ended;
    expect(await readFile(join(marks, 'signal'), 'utf8')).toBe('SIGTERM');
    expect(output()).toContain('Chromium has closed.');
    expect(code).toBe(0);
  });
});

#!/usr/bin/env node
// `npm start`: builds the extension and opens Chromium with it loaded, in a profile kept in
// .chromium-profile/ so the key and settings survive between starts. On the first start the
// extension opens its own options (where the API key goes). Fails with a sentence, not a silent
// exit, when Chromium cannot start.
// It stays in the foreground while Chromium runs, so `xvfb-run -a npm start` keeps its display
// up as long as the browser; closing Chromium ends it, and Ctrl+C closes Chromium and ends it.
// `npm start -- --no-build` opens the last build without building again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium is not at ${chrome}. Install it (apt-get install chromium) or set CHROME_PATH.`);
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('There is no display to open Chromium on (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop session, or under xvfb-run to try it headless: xvfb-run -a npm start');
  process.exit(1);
}
if (!values['no-build']) {
  const build = spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// EXTENSION_DIR: another build to open, as the browser tests take it.
const extension = resolve(process.env.EXTENSION_DIR ?? '.output/chrome-mv3');
if (!existsSync(join(extension, 'manifest.json'))) {
  console.error(`There is no build at ${extension}: run "npm start" without --no-build, or "npm run build" first.`);
  process.exit(1);
}
const args = [
  `--user-data-dir=${resolve('.chromium-profile')}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  // Chromium refuses to run as root without it (containers, CI machines).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
// No address to open: Chromium ignores chrome://extensions on its command line, and opens the
// extension's own pages before the extension is loaded. The extension opens its options itself.
console.log(`Opening ${chrome} with the extension from ${extension}.`);
// Not detached: Chromium belongs to this command, and Ctrl+C in the terminal reaches both.
const browser = spawn(chrome, args, { stdio: ['ignore', 'ignore', 'pipe'] });
// What Chromium says is kept (its last lines only) for the sentence if it fails.
let said = '';
browser.stderr.on('data', (data) => {
  said = (said + data.toString()).slice(-8000);
});
const lastLines = () => said.trim().split('\n').slice(-8).join('\n');
const exited = new Promise((done) => {
  browser.once('error', (error) => done({ why: error.message }));
  browser.once('exit', (code, signal) => done({ code, signal }));
});

// A browser that cannot start dies within moments; one still running after a few seconds is up.
const STARTUP_MS = 4000;
const early = await Promise.race([exited, new Promise((done) => setTimeout(() => done(null), STARTUP_MS))]);
if (early) {
  if (early.code === 0) {
    // Exit code 0 this early: a Chromium already running on this profile took the window over.
    console.log('A Chromium already running with this profile took the window over; this command has nothing left to wait for. Quit that Chromium to start afresh.');
    process.exit(0);
  }
  console.error(`Chromium did not start: ${early.why ?? `it exited with ${early.signal ?? `code ${early.code}`}`}.\n${lastLines()}`);
  process.exit(1);
}

console.log('Chromium is open with the extension. On the first start it opens its options: enter your API key there (later: right-click the toolbar icon, Options), or try it without a key with "npm run fake-server". Then right-click any picture.');
console.log('To keep the extension\'s icon in view, pin it: the puzzle-piece icon in the toolbar, then the pin next to "Ask about this image".');
console.log('This command stays here while Chromium runs. To stop, close Chromium, or press Ctrl+C here.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Closing Chromium…');
    browser.kill('SIGTERM');
  });
}
const end = await exited;
const asked = stopping || end.code === 0 || end.signal === 'SIGTERM' || end.signal === 'SIGINT';
if (asked) {
  console.log('Chromium has closed.');
  process.exit(0);
}
console.error(`Chromium has closed unexpectedly (${end.why ?? end.signal ?? `code ${end.code}`}).\n${lastLines()}`);
process.exit(1);

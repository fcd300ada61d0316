#!/usr/bin/env node
// `npm start`: builds the extension and opens Chromium with it loaded, in a profile kept in
// .chromium-profile/ so the key and settings survive between starts. On the first start the
// extension opens its own options (where the API key goes). Fails with a sentence, not a silent
// exit, when Chromium cannot start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium is not at ${chrome}. Install it (apt-get install chromium) or set CHROME_PATH.`);
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('There is no display to open Chromium on (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop session, or under xvfb-run to try it headless.');
  process.exit(1);
}
const build = spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = resolve('.output/chrome-mv3');
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
const browser = spawn(chrome, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
const said = [];
browser.stderr.on('data', (data) => said.push(data.toString()));

// A browser that cannot start dies within moments; one that is still running after a few seconds
// is left running on its own.
const STARTUP_MS = 4000;
const outcome = await new Promise((done) => {
  const timer = setTimeout(() => done({ running: true }), STARTUP_MS);
  browser.once('error', (error) => {
    clearTimeout(timer);
    done({ running: false, why: error.message });
  });
  browser.once('exit', (code, signal) => {
    clearTimeout(timer);
    // Exit code 0 this early: a Chromium already running on this profile took the window over.
    done(code === 0 ? { running: true } : { running: false, why: `it exited with ${signal ?? `code ${code}`}` });
  });
});
if (!outcome.running) {
  console.error(`Chromium did not start: ${outcome.why}.\n${said.join('').trim().split('\n').slice(-8).join('\n')}`);
  process.exit(1);
}
browser.stderr.destroy();
browser.unref();
console.log('Chromium is open with the extension. On the first start it opens its options: enter your API key there (later: right-click the toolbar icon, Options). Then right-click any picture.');
console.log('To keep the extension\'s icon in view, pin it: the puzzle-piece icon in the toolbar, then the pin next to "Ask about this image".');

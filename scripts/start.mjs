#!/usr/bin/env node
// `npm start`: builds the extension and opens Chromium with it loaded, in a profile kept in
// .chromium-profile/ so the API key and settings survive between starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium is not at ${chrome}. Install it (apt-get install chromium) or set CHROME_PATH.`);
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
  'chrome://extensions/',
];
console.log(`Opening ${chrome} with the extension from ${extension}.`);
console.log('Click the extension\'s icon, then its options, to enter your API key.');
spawn(chrome, args, { stdio: 'ignore', detached: true }).unref();

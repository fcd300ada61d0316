#!/usr/bin/env node
// `npm run bench`: what each part of the built extension weighs, raw and gzipped. The popup and the
// options page count every script and stylesheet their HTML loads.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = '.output/chrome-mv3';
const build = spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'ignore' });
if (build.status !== 0) {
  console.error('The build failed; run "npm run build" to see why.');
  process.exit(1);
}

/** The files an HTML page loads, followed through the static imports of its scripts. */
function pageFiles(html) {
  const text = readFileSync(join(OUT, html), 'utf8');
  const found = new Set([html]);
  const queue = [...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  while (queue.length) {
    const file = queue.shift();
    if (found.has(file)) continue;
    found.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(OUT, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g)) {
      queue.push(join(dirname(file), m[1]).replace(/\\/g, '/'));
    }
  }
  return [...found];
}

const parts = {
  background: ['background.js'],
  content: ['content-scripts/content.js'],
  popup: pageFiles('popup.html'),
  options: pageFiles('options.html'),
};

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log('| part | files | raw | gzip |');
console.log('|---|---|---|---|');
for (const [name, files] of Object.entries(parts)) {
  const bytes = files.map((f) => readFileSync(join(OUT, f)));
  const raw = bytes.reduce((s, b) => s + b.length, 0);
  const gz = bytes.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
  console.log(`| ${name} | ${files.length} | ${kb(raw)} | ${kb(gz)} |`);
}

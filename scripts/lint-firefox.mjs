#!/usr/bin/env node
// `npm run lint:firefox`: Mozilla's own add-on linter (what `web-ext lint` and addons.mozilla.org
// run) over the Firefox build. Any error or warning fails, except two that sit in libraries'
// code, not ours: Preact setting innerHTML for dangerouslySetInnerHTML (the answer, after
// DOMPurify) and DOMPurify parsing the HTML it is about to clean.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = '.output/firefox-mv2';
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('node_modules/.bin/wxt', ['build', '-b', 'firefox'], { stdio: 'ignore' });
  if (build.status !== 0) {
    console.error('The Firefox build failed; run "npm run build:firefox" to see why.');
    process.exit(1);
  }
}
const lint = spawnSync('node_modules/.bin/addons-linter', ['--output', 'json', OUT], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch (error) {
  console.error(`addons-linter gave no report (${String(error)}):\n${lint.stderr}`);
  process.exit(1);
}

const LIBRARY_CODE = [
  /\.innerHTML=\w+\.__html/, // Preact's dangerouslySetInnerHTML
  /documentElement\.innerHTML=/, // DOMPurify's parser
];
function isLibraryCode(message) {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !message.file || !message.line) return false;
  const line = readFileSync(join(OUT, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const near = line.slice(Math.max(0, (message.column ?? 0) - 80), (message.column ?? 0) + 80);
  return LIBRARY_CODE.some((pattern) => pattern.test(near));
}

const ours = [...report.errors, ...report.warnings].filter((message) => !isLibraryCode(message));
const skipped = report.warnings.length - ours.filter((m) => report.warnings.includes(m)).length;
for (const message of ours) console.error(`${message._type ?? message.type}: ${message.code} in ${message.file ?? 'the add-on'}: ${message.message}`);
console.log(`addons-linter: ${report.errors.length} errors, ${report.warnings.length} warnings (${skipped} in library code), ${report.notices.length} notices.`);
process.exit(ours.length === 0 ? 0 : 1);

#!/usr/bin/env node
// `npm test`: type check, import-circle lint, build, lint the Firefox build, then every test
// (unit, end-to-end in headless Chromium, the Firefox build in Firefox ESR, and the native context menu in headed
// Chromium under Xvfb). Stops at the first step that fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Message keys and entrypoint types are generated from the tree; regenerate before checking them.
run(bin('wxt'), ['prepare']);
run(bin('tsc'), ['--noEmit']);
// No import circles: base modules (storage, messages, settings) import only types from below them.
run('npm', ['run', '--silent', 'lint']);
run(bin('wxt'), ['build', '-b', 'firefox']);
// Mozilla's linter, as addons.mozilla.org runs it: the Firefox build must pass before any test.
run('node', ['scripts/lint-firefox.mjs', '--no-build']);
run(bin('wxt'), ['build']);

// Firefox ESR runs the Firefox build (test/firefox); under CI it must, elsewhere it runs when installed.
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const withFirefox = existsSync(firefox) || process.env.CI === 'true';
if (!withFirefox) console.warn(`Firefox ESR is not at ${firefox}, so the Firefox suite will not run here (apt-get install firefox-esr).`);
const projects = ['unit', 'e2e', 'endurance', ...(withFirefox ? ['firefox'] : [])].flatMap((name) => ['--project', name]);

if (has('xvfb-run') && has('xdotool')) {
  run('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', bin('vitest'), 'run', ...projects, '--project', 'native']);
} else if (process.env.CI === 'true') {
  console.error('The native context-menu test needs xvfb-run and xdotool (apt-get install xvfb xdotool); under CI it must run.');
  process.exit(1);
} else {
  console.warn('xvfb-run or xdotool is missing, so the native context-menu test will not run here (apt-get install xvfb xdotool).');
  run(bin('vitest'), ['run', ...projects]);
}

#!/usr/bin/env node
// `npm test`: type check, lint (import circles, page code kept apart from the worker's, functions of at most 80 lines), build, lint the Firefox build, then every test
// (unit, end-to-end in headless Chromium, the Firefox build in Firefox ESR, and the native context menu in headed
// Chromium under Xvfb). Stops at the first step that fails.
//
// The endurance files (test/e2e/*.endurance.ts) are minutes of real time spent waiting (a 6-minute
// stream, a 45 s first byte, a 3-minute stall). In one vitest run they would share the e2e group's
// two worker slots (vitest gives a group one queue and one worker count) and the e2e files would
// queue behind them. So they run in a vitest process of their own, started as soon as the Chrome
// build exists, beside everything else; its output is printed when it ends, and the run fails if it failed.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => `node_modules/.bin/${name}`;
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

// Each vitest process writes its counts here (test/summary-reporter.ts); the closing line adds them up.
const scratch = mkdtempSync(join(tmpdir(), 'npm-test-'));
const summaryOf = (name) => join(scratch, `${name}.summary.json`);

/** @type {{ child: import('node:child_process').ChildProcess, log: string, done: Promise<number> } | undefined} */
let background;

/** Whether any process of the endurance run's group is still alive. */
function backgroundAlive() {
  try {
    process.kill(-background.child.pid, 0);
    return true;
  } catch {
    // ESRCH: no process is left in the group (a signal of 0 only asks).
    return false;
  }
}

/**
 * Stops the endurance run: its own process group (detached), the vitest process and its workers
 * together. Asked politely first, so that Playwright in each worker closes its Chromium; told after
 * five seconds. What they leave in the temporary folder goes with `scratch` (their TMPDIR is in it).
 */
function stopBackground() {
  if (!background || background.child.exitCode !== null || !backgroundAlive()) return;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  try {
    process.kill(-background.child.pid, 'SIGTERM');
    for (let waited = 0; waited < 5_000 && backgroundAlive(); waited += 100) Atomics.wait(pause, 0, 0, 100);
    if (backgroundAlive()) process.kill(-background.child.pid, 'SIGKILL');
  } catch (error) {
    console.error(`Could not stop the endurance tests (${String(error)}).`);
  }
}

function fail(status) {
  stopBackground();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(status);
}

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}   [${elapsed()}]`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) fail(result.status ?? 1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => fail(1));
}
// A throw in this script must not leave the detached endurance run behind either.
process.on('exit', stopBackground);

// Message keys and entrypoint types are generated from the tree; regenerate before checking them.
run(bin('wxt'), ['prepare']);
// The Chrome build first: the endurance tests need it, and they take longest.
run(bin('wxt'), ['build']);

{
  // A copy of the build of their own: the unit tests zip the extension (test/unit/store-archives.test.ts),
  // which builds .output/chrome-mv3 again while these browsers still load their pages from it.
  const build = join(scratch, 'chrome-mv3');
  cpSync('.output/chrome-mv3', build, { recursive: true });
  const log = join(scratch, 'endurance.log');
  const args = ['run', '--project', 'endurance'];
  console.log(`\n$ ${bin('vitest')} ${args.join(' ')}   [${elapsed()}, in the background: its output, in ${log} as it runs, is printed after the other tests]`);
  const out = openSync(log, 'w');
  // Their browsers' profiles and whatever else they leave go into the scratch folder, removed at the end.
  const temp = join(scratch, 'tmp');
  mkdirSync(temp);
  const child = spawn(bin('vitest'), args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, TMPDIR: temp, EXTENSION_DIR: build, TEST_SUMMARY_FILE: summaryOf('endurance') },
  });
  closeSync(out);
  const done = new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`The endurance tests did not start: ${String(error)}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  background = { child, log, done };
}

run(bin('tsc'), ['--noEmit']);
// No import circles: base modules (storage, messages, settings) import only types from below them.
run('npm', ['run', '--silent', 'lint']);
run(bin('wxt'), ['build', '-b', 'firefox']);
// Mozilla's linter, as addons.mozilla.org runs it: the Firefox build must pass before any test.
run('node', ['scripts/lint-firefox.mjs', '--no-build']);

// Firefox ESR runs the Firefox build (test/firefox); under CI it must, elsewhere it runs when installed.
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const withFirefox = existsSync(firefox) || process.env.CI === 'true';
if (!withFirefox) console.warn(`Firefox ESR is not at ${firefox}, so the Firefox suite will not run here (apt-get install firefox-esr).`);
const projects = ['unit', 'e2e', ...(withFirefox ? ['firefox'] : [])].flatMap((name) => ['--project', name]);

const mainEnv = { TEST_SUMMARY_FILE: summaryOf('main') };
let mainStatus = 0;
function runTests(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}   [${elapsed()}]`);
  mainStatus = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...mainEnv } }).status ?? 1;
}
if (has('xvfb-run') && has('xdotool')) {
  runTests('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', bin('vitest'), 'run', ...projects, '--project', 'native']);
} else if (process.env.CI === 'true') {
  console.error('The native context-menu test needs xvfb-run and xdotool (apt-get install xvfb xdotool); under CI it must run.');
  fail(1);
} else {
  console.warn('xvfb-run or xdotool is missing, so the native context-menu test will not run here (apt-get install xvfb xdotool).');
  runTests(bin('vitest'), ['run', ...projects]);
}

console.log(`\nThe other tests ended [${elapsed()}]; waiting for the endurance tests.`);
const enduranceStatus = await background.done;
console.log(`\n----- endurance tests (a vitest process of their own, run beside the others) [${elapsed()}] -----\n`);
process.stdout.write(readFileSync(background.log));

// One closing line for the whole run, as each vitest process would print for itself.
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const name of ['main', 'endurance']) {
  let counts;
  try {
    counts = JSON.parse(readFileSync(summaryOf(name), 'utf8'));
  } catch (error) {
    console.error(`The ${name} tests left no counts (${String(error)}): they did not finish.`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\nnpm test took ${elapsed()}.`);
const tail = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed${tail}\n`);
process.exit(mainStatus !== 0 ? mainStatus : enduranceStatus);

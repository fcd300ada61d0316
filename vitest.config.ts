import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/unit/setup.ts'],
          // The locales' messages, built once for the run instead of in every file's setup.
          globalSetup: ['test/unit/locales-once.ts'],
          // vitest's default here is one worker (cores - 1), and most files spend about a second
          // starting (the fake browser's import) for a few ms of tests: two at a time, on this busy
          // 2-core machine, ran 20 such files in 12-20 s instead of 20-26 s, and the whole unit
          // run in about 80 s. (The threads pool measured the same, within noise, so each file
          // keeps a process of its own.)
          maxWorkers: 2,
          // Compiling OpenAI's schemas or decoding a picture takes a second or two on an idle machine
          // and several times that while a build runs beside: a busy machine must not fail a test.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          // Each file drives its own Chromium (about 0.5 GB). Much of a browser test is waiting (for the
          // worker, a stream, the popup), so three files at once keep this 2-core machine's cores busier
          // than two without starving any of them.
          maxWorkers: 3,
          // Groups run one after another: unit tests, then the headless browser, then the native menu.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A browser, a worker and a streamed answer take longer than vitest's 1 s default.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // Minutes of real time (a 45 s first byte, a 3-minute stall, a 6-minute stream), nearly all
        // of it waiting, each file its own Chromium. vitest gives a group one queue and one worker
        // count, so in the e2e group these would hold its two slots for minutes while e2e files
        // queue: scripts/test.mjs runs this project in a vitest process of its own, beside the rest.
        test: {
          name: 'endurance',
          include: ['test/e2e/**/*.endurance.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 480_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // Headed Chromium and the real native menu; needs an X display (scripts/test.mjs runs xvfb-run).
        test: {
          name: 'native',
          include: ['test/e2e/**/*.native.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 15_000 } },
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Debian's Firefox ESR with the Firefox build, through Marionette (test/firefox/support).
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.firefox.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 3 },
        },
      },
      {
        // `npm run screenshots` only: the README's pictures, written into docs/screenshots/.
        test: { name: 'screenshots', include: ['test/screenshots/**/*.screens.ts'], testTimeout: 60_000, hookTimeout: 60_000, sequence: { groupOrder: 5 } },
      },
      {
        // `npm run bench` only: measurements, not checks of behaviour. One file at a time, so no
        // browser measures while another one runs beside it.
        test: { name: 'bench', include: ['test/bench/**/*.bench.ts'], fileParallelism: false, testTimeout: 300_000, hookTimeout: 60_000, sequence: { groupOrder: 4 } },
      },
    ],
  },
});

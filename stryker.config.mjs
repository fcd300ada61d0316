// @ts-check
import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run mutate`: mutation testing of the code that decides what a user pays, what leaves the
 * machine and what a page may ask for. A surviving mutant is a change to that code no unit test
 * would notice; below 85 % the run fails.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const TEMP_DIR = '.stryker-tmp';

// The fake OpenAI server validates requests against OpenAI's spec, which sits beside the repository
// (../shared). Stryker's sandbox is two folders deeper (.stryker-tmp/sandbox-*), so the server would
// look for .stryker-tmp/shared: that name is linked to the real folder.
const root = dirname(fileURLToPath(import.meta.url));
const sharedLink = join(root, TEMP_DIR, 'shared');
if (!existsSync(sharedLink)) {
  mkdirSync(join(root, TEMP_DIR), { recursive: true });
  symlinkSync(resolve(root, '../shared'), sharedLink, 'dir');
}

const config = {
  testRunner: 'vitest',
  vitest: {
    // Only the unit tests (fake browser, no Chromium, no network). Related mode runs, for each
    // mutant, only the test files that import the mutated file.
    configFile: 'vitest.mutate.config.ts',
    related: true,
  },
  // Stryker's sandbox holds a copy of the tree with node_modules linked in, so WXT's vitest plugin
  // and the setup file that reads locales/ work there as they do in the repository.
  mutate: [
    'utils/cost/**/*.ts',
    'utils/ask/answer-cache.ts',
    // What each request to the model costs, priced and written to the ledger (request-runner.ts).
    'utils/ask/request-cost.ts',
    'utils/image/transport.ts',
    'utils/render/markdown.ts',
    'utils/message-payloads.ts',
    'utils/message-senders.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 85, break: 85 },
  // A 2-core machine, shared with the browser suites.
  concurrency: 2,
  // The unit tests allow a busy machine 30 s; a mutant that only runs slowly is not a timeout.
  timeoutFactor: 3,
  timeoutMS: 20_000,
  tempDirName: TEMP_DIR,
  // Stryker would rewrite tsconfig.json's paths for the sandbox through TypeScript's JavaScript API,
  // which TypeScript 7 no longer has. Ours points at nothing outside the tree (.wxt is copied in), so
  // no rewrite is needed: naming a file that does not exist makes Stryker skip it.
  tsconfigFile: 'tsconfig.stryker-skips-rewrite.json',
  // Mutated copies carry type errors by design; they must not show up in anyone's `tsc` meanwhile.
  disableTypeChecks: '{utils,test}/**/*.{ts,tsx}',
};

export default config;

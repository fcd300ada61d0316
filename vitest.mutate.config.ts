/**
 * The unit project alone, for `npm run mutate` (stryker.config.mjs). Stryker's vitest runner has no
 * option to pick a project, and for each mutant it runs every test file that imports the mutated
 * one: with the whole vitest.config.ts that would include the Chromium and Firefox suites.
 * The unit project is taken from vitest.config.ts, so the two never drift apart.
 */
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config';

const unit = base.test?.projects?.find(
  (project): project is TestProjectInlineConfiguration => typeof project === 'object' && 'test' in project && project.test?.name === 'unit',
);
if (!unit) throw new Error('vitest.config.ts has no "unit" project for mutation testing to run.');

export default defineConfig(unit);

/**
 * Prints one plain closing line, "tests: N passed, N failed", after vitest's own summary, so the
 * result reads the same wherever the run is looked at (CI included).
 *
 * With TEST_SUMMARY_FILE set (scripts/test.mjs, which runs the endurance files in a vitest process
 * of their own), the counts are written there as JSON instead, and the script prints one line for both.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const file = process.env.TEST_SUMMARY_FILE;
    if (file) {
      writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
      return;
    }
    const tail = skipped ? `, ${skipped} skipped` : '';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}

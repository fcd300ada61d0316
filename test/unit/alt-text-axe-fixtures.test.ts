// @vitest-environment happy-dom
/**
 * The page audit agrees with axe-core on axe-core's own fixtures for its picture rules: each page
 * is scanned as the content script scans a live page, and every element axe reports as a
 * violation is listed as needing alt text, every element axe passes is not. The fixtures and their
 * expectations are axe-core's, unchanged (test/fixtures/axe/README.md).
 *
 * happy-dom has no layout, so the one layout read (is it shown, how large) is given: every element
 * is taken as shown at 200×100. That is how axe sees them too (none of these elements is hidden;
 * axe does not weigh size). Names, roles, labels and hidden label targets are all read from the DOM,
 * with the browsers' own stylesheet rule that hides <area> (user-agent-style.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createElementRegistry } from '../../utils/page/alt-text/element-registry';
import { scanPage } from '../../utils/page/alt-text/scan';
import type { PageScan } from '../../utils/shared/alt-text-types';
import { USER_AGENT_STYLE } from './user-agent-style';

const RULES = ['image-alt', 'role-img-alt', 'svg-img-alt', 'input-image-alt', 'area-alt', 'object-alt', 'image-redundant-alt'] as const;
const SHOWN = () => ({ rendered: true, width: 200, height: 100 });

interface Expectations {
  rule: string;
  violations: string[][];
  passes: string[][];
}

function fixture(rule: string): { html: string; expected: Expectations } {
  const path = (ext: string) => resolve(import.meta.dirname, `../fixtures/axe/${rule}.${ext}`);
  return { html: readFileSync(path('html'), 'utf8'), expected: JSON.parse(readFileSync(path('json'), 'utf8')) as Expectations };
}

describe.each(RULES)('axe-core fixture %s', (rule) => {
  const { html, expected } = fixture(rule);
  const registry = createElementRegistry();
  let scan: PageScan;
  let listed: Map<string, string>;

  beforeAll(() => {
    document.head.innerHTML = USER_AGENT_STYLE;
    document.body.innerHTML = html;
    scan = scanPage(document, registry, SHOWN);
    listed = new Map(scan.needing.map((picture) => [picture.elementId, picture.need.needs ? picture.need.reason : '']));
  });

  function idOf(selector: string): string {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`${rule}: the fixture has no element ${selector}`);
    return registry.idOf(element);
  }

  it('is the rule the fixture names, with something to check', () => {
    expect(expected.rule).toBe(rule);
    expect(expected.violations.length + expected.passes.length).toBeGreaterThan(0);
  });

  it.each(expected.violations.map(([selector]) => selector!))('lists %s (axe: violation)', (selector) => {
    expect(listed.has(idOf(selector)), `${rule} ${selector} should need alt text`).toBe(true);
  });

  it.each(expected.passes.map(([selector]) => selector!))('does not list %s (axe: passes)', (selector) => {
    expect(listed.get(idOf(selector)), `${rule} ${selector} should not need alt text`).toBeUndefined();
  });
});

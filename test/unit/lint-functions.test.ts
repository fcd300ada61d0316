/**
 * `npm run lint`'s length rule (scripts/lint-functions.mjs, issue 25): no function of the product
 * over 80 lines. Each case plants functions of a known length, so a rule that stopped counting a
 * kind of function, or counted one line off, fails here.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { longFunctions as find, MAX_LINES } from '../../scripts/lint-functions.mjs';

/** A body of `lines` lines in all, from the line that opens it to the one that closes it. */
function body(lines: number): string {
  return Array.from({ length: lines - 2 }, (_, index) => `  const v${index} = ${index};`).join('\n');
}

describe('the function-length lint', () => {
  it('holds the product to 80 lines', () => {
    expect(MAX_LINES).toBe(80);
  });

  it('names a declared function one line over, and lets one at the limit pass', () => {
    const text = `export function atLimit() {\n${body(80)}\n}\n\nexport function over() {\n${body(81)}\n}\n`;
    expect(find('plain.ts', text)).toEqual([{ name: 'over', line: 82, lines: 81 }]);
  });

  it('counts arrow functions, methods and components alike, by the name they are given', () => {
    const text = [
      `const arrow = () => {\n${body(81)}\n};`,
      `class Holder {\n  method() {\n${body(81)}\n  }\n}`,
      `export function View() {\n  return (\n    <div>\n${Array.from({ length: 80 }, () => '      <p>line</p>').join('\n')}\n    </div>\n  );\n}`,
    ].join('\n');
    expect(find('view.tsx', text).map(({ name }) => name)).toEqual(['arrow', 'method', 'View']);
  });

  it('names a long function inside another by its own name, and the one around it by its name', () => {
    const text = `export function outer() {\n  const inner = function named() {\n${body(85)}\n  };\n  return inner;\n}\n`;
    expect(find('nested.ts', text).map(({ name, lines }) => [name, lines])).toEqual([
      ['outer', 88],
      ['named', 85],
    ]);
  });
});

describe('the script, as npm run lint runs it', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function run(text: string): Promise<{ code: number | null; out: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'lint-functions-'));
    dirs.push(dir);
    const file = join(dir, 'planted.ts');
    await writeFile(file, text);
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../scripts/lint-functions.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, out };
  }

  it('fails, naming the function, its place and its length', async () => {
    const { code, out } = await run(`export function tooLong() {\n${body(81)}\n}\n`);
    expect(code).toBe(1);
    expect(out).toContain('planted.ts:1 tooLong is 81 lines, over 80');
  });

  it('passes a file whose functions are all short enough', async () => {
    const { code, out } = await run(`export function fine() {\n${body(80)}\n}\n`);
    expect(code, out).toBe(0);
  });
});

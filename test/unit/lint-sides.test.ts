/**
 * `npm run lint`'s side rule (scripts/lint-sides.mjs, issue 25): code that runs in web pages imports
 * no worker code at run time. Each case plants one import in a small tree of its own and runs the
 * script on it as `npm run lint` does, so a rule that stopped seeing an import fails here.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/lint-sides.mjs');
const dirs: string[] = [];

/** A tree with a page file, a shared file and a worker file, plus `planted` (path → source). */
async function treeWith(planted: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lint-sides-'));
  dirs.push(root);
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler' } }),
    'utils/shared/words.ts': 'export const WORDS = 3;\nexport interface Shape { n: number }\n',
    'utils/ask/worker-thing.ts': 'export const LIMIT = 5;\nexport interface Budget { left: number }\nexport function askModel(): number { return 1; }\n',
    'utils/page/finder.ts': "import { WORDS } from '../shared/words';\nexport const found = WORDS;\n",
    ...planted,
  };
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), source);
  }
  return root;
}

async function lint(root: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [SCRIPT, '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the side rule of npm run lint', () => {
  it.each([
    ['a page file imports a worker function', 'utils/page/planted.ts', "import { askModel } from '../ask/worker-thing';\nexport const x = askModel();\n", 'utils/page/planted.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a page file in a subfolder imports a worker constant', 'utils/page/alt-text/planted.ts', "import { LIMIT, type Budget } from '../../ask/worker-thing';\nexport const b: Budget = { left: LIMIT };\n", 'utils/page/alt-text/planted.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a page file loads worker code later', 'utils/page/planted.ts', "export const later = () => import('../ask/worker-thing');\n", 'utils/page/planted.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a page file passes worker code on', 'utils/page/planted.ts', "export { askModel } from '../ask/worker-thing';\n", 'utils/page/planted.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['the content script imports worker code', 'entrypoints/content.ts', "import { askModel } from '../utils/ask/worker-thing';\naskModel();\n", 'entrypoints/content.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a named content script imports worker code', 'entrypoints/overlay.content/index.ts', "import { askModel } from '../../utils/ask/worker-thing';\naskModel();\n", 'entrypoints/overlay.content/index.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a shared file imports worker code', 'utils/shared/planted.ts', "import { LIMIT } from '../ask/worker-thing';\nexport const y = LIMIT;\n", 'utils/shared/planted.ts imports utils/ask/worker-thing.ts (worker side)'],
    ['a shared file imports page code', 'utils/shared/planted.ts', "import { found } from '../page/finder';\nexport const y = found;\n", 'utils/shared/planted.ts imports utils/page/finder.ts (page side)'],
  ])('fails when %s', async (_, path, source, problem) => {
    const { code, out } = await lint(await treeWith({ [path]: source }));
    expect(out).toContain(problem);
    expect(code).toBe(1);
  });

  it.each([
    ['types from the worker with import type', "import type { Budget } from '../ask/worker-thing';\nexport const b: Budget = { left: 1 };\n"],
    ['a worker name used only as a type', "import { Budget } from '../ask/worker-thing';\nexport const b: Budget = { left: 1 };\n"],
    ['page and shared code, and packages', "import { join } from 'node:path';\nimport { found } from './finder';\nimport { WORDS, type Shape } from '../shared/words';\nexport const s: Shape = { n: found + WORDS + join('a').length };\n"],
  ])('passes a page file that imports %s', async (_, source) => {
    const { code, out } = await lint(await treeWith({ 'utils/page/planted.ts': source, 'entrypoints/background.ts': "import { askModel } from '../utils/ask/worker-thing';\naskModel();\n" }));
    expect(out).toContain('import nothing of the worker');
    expect(code).toBe(0);
  });

  it('fails when it finds no page code to check, rather than passing for the wrong reason', async () => {
    const root = await treeWith({});
    await rm(join(root, 'utils/page'), { recursive: true });
    await rm(join(root, 'utils/shared'), { recursive: true });
    const { code, out } = await lint(root);
    expect(out).toContain('No page or shared code found');
    expect(code).toBe(1);
  });
});

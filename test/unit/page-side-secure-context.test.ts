/**
 * Code that runs in web pages runs on plain-http sites too (intranets, routers, older blogs), where
 * the page is not a secure context and the browser leaves out crypto.randomUUID, crypto.subtle,
 * navigator.clipboard and the rest: a content script that names one at load dies before it
 * registers a listener (issue 21). So page-side code names none of them.
 *
 * "Page-side" is found, not listed: every content script and unlisted (injected) script under
 * entrypoints/, every function or file passed to scripting.executeScript, and everything they
 * import, transitively, as esbuild resolves it. A new page-side file is checked without a word here.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build, transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['entrypoints', 'utils', 'components'];

/**
 * Names that exist only in secure contexts. The distinctive ones are matched as bare words (so
 * `const { subtle } = crypto` is caught too); the ones that are ordinary words elsewhere
 * (`credentials: 'omit'`, `browser.storage`) only as members of `navigator`.
 */
const SECURE_ONLY_WORDS = [
  'randomUUID', 'subtle', 'clipboard', 'ClipboardItem', 'serviceWorker', 'showOpenFilePicker', 'showSaveFilePicker',
  'showDirectoryPicker', 'caches', 'cookieStore', 'wakeLock', 'PaymentRequest', 'IdleDetector', 'EyeDropper',
  'documentPictureInPicture',
];
const SECURE_ONLY_ON_NAVIGATOR = ['credentials', 'storage', 'share', 'canShare', 'locks', 'mediaDevices', 'geolocation', 'usb', 'hid', 'serial', 'bluetooth', 'gpu', 'xr'];
const FORBIDDEN = new RegExp(
  `\\b(${SECURE_ONLY_WORDS.join('|')})\\b|\\bnavigator\\s*\\??\\.\\s*(${SECURE_ONLY_ON_NAVIGATOR.join('|')})\\b`,
  'g',
);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The module a file imports `name` from, as written ('./inject/read-title'), or undefined when not imported. */
function importedFrom(source: string, name: string): string | undefined {
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const names = match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).pop()!.trim());
    if (names.includes(name)) return match[2];
  }
  const single = source.match(new RegExp(`import\\s+${name}\\s+from\\s*['"]([^'"]+)['"]`));
  return single?.[1];
}

interface SourceFile {
  file: string;
  source: string;
}

/**
 * Where page-side code starts: content scripts, unlisted scripts (only ever injected), and what
 * executeScript is given (`file#module` for a function imported from `module`). Problems are what
 * cannot be checked: an injected function written in the caller's own file, which would have to be
 * read apart from that file's other code, or an injected file that matches no entrypoint.
 */
function pageSideEntries(files: SourceFile[]): { entries: string[]; problems: string[] } {
  const entries = new Set<string>();
  const problems: string[] = [];
  const entrypoints = files.map(({ file }) => file).filter((file) => file.startsWith('entrypoints/'));
  for (const { file, source } of files) {
    if (file.startsWith('entrypoints/') && /\bdefine(ContentScript|UnlistedScript)\s*\(/.test(source)) entries.add(file);
    if (!/\bexecuteScript\s*\(/.test(source)) continue;
    for (const [, name] of source.matchAll(/\bfunc\s*:\s*(?!async\b|function\b)([A-Za-z_$][\w$]*)/g)) {
      const from = importedFrom(source, name!);
      if (from) entries.add(`${file}#${from}`);
      else problems.push(`${file} injects ${name}, which is not imported from a file of its own`);
    }
    if (/\bfunc\s*:\s*(async\s*)?(\(|function\b)/.test(source)) problems.push(`${file} injects a function written in place; move it to a file of its own`);
    for (const [, list] of source.matchAll(/\bfiles\s*:\s*\[([^\]]*)\]/g)) {
      for (const [, path] of list!.matchAll(/['"]([^'"]+)['"]/g)) {
        // A built script's address (/content-scripts/x.js, /x.js) names the entrypoint x.
        const base = path!.replace(/^\//, '').replace(/^content-scripts\//, '').replace(/\.js$/, '');
        const found = entrypoints.find((f) => new RegExp(`^entrypoints/${base}(\\.content|/index)?\\.(ts|tsx)$`).test(f));
        if (found) entries.add(found);
        else problems.push(`${file} injects ${path}, which matches no file under entrypoints/`);
      }
    }
  }
  return { entries: [...entries], problems };
}

async function ourSources(): Promise<SourceFile[]> {
  const files = (await Promise.all(SOURCE_DIRS.map(sourceFiles))).flat();
  return Promise.all(files.map(async (file) => ({ file, source: await readFile(join(ROOT, file), 'utf8') })));
}

/** Every file of ours that an entry brings into the page, as the bundler resolves imports (type-only ones left out). */
async function filesReached(entry: string): Promise<string[]> {
  const [file, injected] = entry.split('#') as [string, string | undefined];
  const result = await build({
    ...(injected ? { stdin: { contents: `export * from ${JSON.stringify(injected)};`, resolveDir: join(ROOT, file, '..'), loader: 'ts' } } : { entryPoints: [join(ROOT, file)] }),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    tsconfig: join(ROOT, 'tsconfig.json'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Only the graph is wanted: assets a file imports need not be read.
    loader: { '.css': 'empty', '.png': 'empty', '.svg': 'empty' },
  });
  return Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules') && input !== '<stdin>');
}

/** The names `file` uses that exist only in secure contexts; comments and types are left out first. */
async function secureOnlyNames(file: string): Promise<string[]> {
  const source = await readFile(join(ROOT, file), 'utf8');
  const { code } = await transform(source, { loader: file.endsWith('x') ? 'tsx' : 'ts', jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' });
  return [...code.matchAll(FORBIDDEN)].map((match) => match[0]);
}

describe('code that runs in web pages uses nothing that exists only in secure contexts', () => {
  let pageSide: string[] = [];
  let problems: string[] = [];

  beforeAll(async () => {
    const found = pageSideEntries(await ourSources());
    problems = found.problems;
    const reached = new Set<string>();
    for (const entry of found.entries) for (const file of await filesReached(entry)) reached.add(file);
    pageSide = [...reached].sort();
  });

  it('finds the page-side files by following the content script\'s imports', () => {
    // A search that found nothing would pass the next test for the wrong reason.
    expect(pageSide).toEqual(expect.arrayContaining([
      'entrypoints/content.ts',
      'utils/page/page-target.ts',
      'utils/page/region-select.ts',
      'utils/page/alt-text/element-registry.ts',
      'utils/page/alt-text/scan.ts',
    ]));
    expect(pageSide).not.toContain('entrypoints/background.ts');
    expect(problems).toEqual([]);
  });

  it('names no secure-context-only API (crypto.randomUUID, crypto.subtle, navigator.clipboard, …)', async () => {
    const used: string[] = [];
    for (const file of pageSide) for (const name of await secureOnlyNames(file)) used.push(`${file}: ${name}`);
    expect(used, 'page-side code naming an API plain-http pages do not have; use crypto.getRandomValues, or ask the background').toEqual([]);
  });

  it.each([
    ['a function imported from its own file', `import { readTitle } from './inject/read-title';\nbrowser.scripting.executeScript({ target, func: readTitle });`, ['utils/x.ts#./inject/read-title'], []],
    ['a built script', `browser.scripting.executeScript({ target, files: ['/content-scripts/overlay.js'] });`, ['entrypoints/overlay.content.ts'], []],
    ['a function written in place', `browser.scripting.executeScript({ target, func: async () => document.title });`, [], ['utils/x.ts injects a function written in place; move it to a file of its own']],
  ])('follows executeScript given %s', (_, source, entries, problems) => {
    const found = pageSideEntries([{ file: 'utils/x.ts', source }, { file: 'entrypoints/overlay.content.ts', source: '' }]);
    expect(found).toEqual({ entries, problems });
  });

  it.each([
    ['crypto.randomUUID()', 'randomUUID'],
    ['const { subtle } = crypto;', 'subtle'],
    ['navigator.clipboard.writeText(text)', 'clipboard'],
    ['await navigator.storage.estimate()', 'navigator.storage'],
  ])('would catch %s', async (code, name) => {
    const { code: plain } = await transform(code, { loader: 'ts' });
    expect([...plain.matchAll(FORBIDDEN)].map((m) => m[0])).toEqual([name]);
  });

  it.each([
    ['crypto.getRandomValues(new Uint8Array(4))'],
    ['fetch(url, { credentials: "omit" })'],
    ['browser.storage.local.get("x")'],
    ['// crypto.randomUUID() is left out on plain http\nconst a = 1;'],
    ['event.clipboardData?.files'],
  ])('lets %s be', async (code) => {
    const { code: plain } = await transform(code, { loader: 'ts' });
    expect([...plain.matchAll(FORBIDDEN)]).toEqual([]);
  });
});

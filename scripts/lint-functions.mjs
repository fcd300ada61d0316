#!/usr/bin/env node
/**
 * No function over 80 lines (issue 25). A function that long does several things, and the next
 * person to change one of them has to read all of them; split it along its parts instead.
 *
 * Functions are found by TypeScript's own parser. The project's TypeScript 7 is the native compiler
 * with no JavaScript API, so this uses the TypeScript 5 that dpdm (the import-circle lint) installs
 * for itself, found from dpdm's own folder so it works however npm lays the packages out.
 *
 *   node scripts/lint-functions.mjs [--max N] [FILE ...]   exits 1, naming each function over N lines
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ts = createRequire(require.resolve('dpdm/package.json'))('typescript');

export const MAX_LINES = 80;

function nameOf(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent)) return node.parent.name.getText(source);
  return '(anonymous)';
}

/** Each function, method, accessor or arrow function in `text` longer than `max` lines: { name, line, lines }. */
export function longFunctions(fileName, text, max = MAX_LINES) {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) found.push({ name: nameOf(node, source), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The product's own source files (tests and scripts are not held to this), read from the tree: no git needed. */
function sourceFiles() {
  return ['entrypoints', 'components', 'utils'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((file) => join(dir, file))
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts')),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({ options: { max: { type: 'string' } }, allowPositionals: true });
  const max = values.max === undefined ? MAX_LINES : Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max takes a whole number of lines, not "${values.max}".`);
  const files = positionals.length > 0 ? positionals : sourceFiles();
  const problems = files.flatMap((file) =>
    longFunctions(file, readFileSync(file, 'utf8'), max).map(({ name, line, lines }) => `${file}:${line} ${name} is ${lines} lines, over ${max}: split it along its parts`),
  );
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(`No function over ${max} lines in ${files.length} files.`);
}

#!/usr/bin/env node
// `npm run bench`: the benchmark of issue 12 in one table. Builds the extension (or takes the build
// at $EXTENSION_DIR as it is) into a folder of its own, so a build running beside cannot change it
// halfway; weighs each part raw and gzipped; runs test/bench/*.bench.ts in real Chromium against
// the fake server (each figure beside its floor, measured in the same run); prints one table and
// writes it to bench/results.json. A goal missed is printed as missed, not hidden; the command
// fails only when a measurement could not be taken.
//
// Quick runs: BENCH_RUNS=3 npm run bench, or npm run bench -- test/bench/speed.bench.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const began = Date.now();
const loadBefore = loadavg();
const work = mkdtempSync(join(tmpdir(), 'ask-image-bench-'));
let out = process.env.EXTENSION_DIR;
if (!out) {
  const build = spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'ignore' });
  if (build.status !== 0) {
    console.error('The build failed; run "npm run build" to see why.');
    process.exit(1);
  }
  out = join(work, 'chrome-mv3');
  cpSync('.output/chrome-mv3', out, { recursive: true });
}

/**
 * The files an HTML page loads: its scripts and stylesheets, followed through static imports
 * (`dynamic`: through dynamic ones too, the parts it loads only when needed).
 */
function pageFiles(html, dynamic) {
  const text = readFileSync(join(out, html), 'utf8');
  const found = new Set([html]);
  const queue = [...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  while (queue.length) {
    const file = queue.shift();
    if (found.has(file)) continue;
    found.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(out, file), 'utf8');
    const imports = dynamic ? /(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g : /(?:import|from)\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g;
    for (const m of code.matchAll(imports)) queue.push(join(dirname(file), m[1]).replace(/\\/g, '/'));
    // Vite lists a lazy part's own imports by their path from the root (__vite__mapDeps).
    if (dynamic) for (const m of code.matchAll(/["'](chunks\/[^"']+\.(?:js|css)|assets\/[^"']+\.css)["']/g)) queue.push(m[1]);
  }
  return [...found];
}

function weigh(files) {
  const bytes = files.map((f) => readFileSync(join(out, f)));
  return {
    files: files.length,
    raw: bytes.reduce((s, b) => s + b.length, 0) / 1024,
    gzip: bytes.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0) / 1024,
  };
}

const js = (files) => files.filter((f) => f.endsWith('.js'));
const popupFirst = weigh(js(pageFiles('popup.html', false)));
const popupAll = weigh(js(pageFiles('popup.html', true)));
const sizes = {
  background: weigh(['background.js']),
  content: weigh(['content-scripts/content.js']),
  'popup (first load: HTML, JS, CSS)': weigh(pageFiles('popup.html', false)),
  'popup (with the parts loaded when needed)': weigh(pageFiles('popup.html', true)),
  options: weigh(pageFiles('options.html', false)),
};

// The measurements, each bench file in its turn (vitest.config.ts: project "bench").
const figuresFile = join(work, 'figures.jsonl');
writeFileSync(figuresFile, '');
const files = process.argv.slice(2);
const vitest = spawnSync('node_modules/.bin/vitest', ['run', '--project', 'bench', '--reporter=dot', ...files], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, EXTENSION_DIR: out, BENCH_FIGURES: figuresFile },
});
const entries = readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
// Lines holding `table` are small tables of their own (test/bench/support/figures.ts, recordTable).
const measured = entries.filter((entry) => !entry.table);
const tables = entries.filter((entry) => entry.table).map((entry) => entry.table);

const figures = [
  ...measured,
  {
    id: 'f-popup-js',
    label: 'popup JavaScript loaded before the first paint, gzip',
    unit: 'kB',
    samples: [popupFirst.gzip],
    goal: { max: 40, text: '≤ 40 kB' },
    note: `${popupFirst.files} files, ${popupFirst.raw.toFixed(1)} kB raw; with the parts loaded when needed ${popupAll.gzip.toFixed(1)} kB gzip, ${popupAll.raw.toFixed(1)} kB raw`,
  },
  ...Object.entries(sizes).map(([part, size]) => ({
    id: `s-${part}`,
    label: `bundle: ${part}, gzip`,
    unit: 'kB',
    samples: [size.gzip],
    note: `${size.raw.toFixed(1)} kB raw, ${size.files} file${size.files === 1 ? '' : 's'}`,
  })),
];

const ORDER = ['a-', 'b-', 'c-', 'd-', 'e-', 'f-', 'g-', 'h-', 'p-', 'm-', 's-'];
const rank = (id) => {
  const i = ORDER.findIndex((prefix) => id.startsWith(prefix));
  return i === -1 ? ORDER.length : i;
};
// Array.prototype.sort is stable: within a group, figures keep the order they were measured in.
figures.sort((a, b) => rank(a.id) - rank(b.id));

const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const number = (value, unit) => {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'tokens') return `${Math.round(value)}`;
  if (unit === 'ms') return value >= 10 ? `${Math.round(value)}` : value.toFixed(1);
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
};
const withUnit = (value, unit) => `${number(value, unit)} ${unit}`;

const rows = figures.map((figure) => {
  const m = median(figure.samples);
  const floorMedian = figure.floor ? median(figure.floor.samples) : undefined;
  const ratio = floorMedian ? m / floorMedian : undefined;
  const goal = figure.goal;
  let met;
  if (goal) {
    met = true;
    if (goal.max !== undefined && !(m <= goal.max)) met = false;
    if (goal.maxRatio !== undefined && !(ratio !== undefined && ratio <= goal.maxRatio)) met = false;
    if (goal.notAboveFloor && !(floorMedian !== undefined && m <= floorMedian)) met = false;
  }
  return { ...figure, median: m, min: Math.min(...figure.samples), max: Math.max(...figure.samples), floorMedian, ratio, met };
});

const ratioText = (ratio) => (ratio === undefined || !Number.isFinite(ratio) ? '–' : ratio >= 1 ? `×${ratio.toFixed(ratio >= 10 ? 0 : 1)}` : `1/${(1 / ratio).toFixed(1)}`);
const cell = (text) => String(text).replace(/\|/g, '\\|');
const lines = [
  '| figure | median | spread (runs) | floor / simple way, median | ratio | goal | |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((row) => {
    const spread = row.samples.length > 1 ? `${number(row.min, row.unit)}–${number(row.max, row.unit)} (${row.samples.length})` : `(${row.samples.length})`;
    const floor = row.floor ? `${row.floor.label}: ${withUnit(row.floorMedian, row.unit)}` : '–';
    const verdict = row.met === undefined ? '' : row.met ? 'met' : '**missed**';
    const label = row.note ? `${row.label} (${row.note})` : row.label;
    return `| ${cell(label)} | ${withUnit(row.median, row.unit)} | ${spread} | ${cell(floor)} | ${ratioText(row.ratio)} | ${cell(row.goal?.text ?? '–')} | ${verdict} |`;
  }),
];

const EXPECTED = ['a-click-url', 'b-click-bytes', 'b-uplink-5', 'b-uplink-20', 'b-uplink-100', 'b-encoder-loopback', 'b-encoder-5', 'b-encoder-20', 'b-encoder-100', 'c-bytes-sent', 'd-delta-popup', 'e-popup-paint', 'e-popup-formatted', 'g-audit-scan', 'g-audit-listed', 'h-alt-tokens', 'p-prepare-low', 'p-prepare-high', 'm-memory-extension', 'm-memory-browser'];
const missing = files.length ? [] : EXPECTED.filter((id) => !rows.some((row) => row.id === id));

const chromium = (() => {
  try {
    return execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
})();
const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() ? ' with local changes' : '';
    return `${head}${dirty}`;
  } catch {
    return 'unknown';
  }
})();
const loadAfter = loadavg();
const seconds = (Date.now() - began) / 1000;
const machine = {
  cpus: cpus().length,
  cpu: cpuModel,
  memoryGB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  chromium,
  load1Before: Number(loadBefore[0].toFixed(2)),
  load1After: Number(loadAfter[0].toFixed(2)),
};

console.log('');
console.log(lines.join('\n'));
for (const table of tables) {
  console.log('');
  console.log(`${table.title}:`);
  console.log('');
  console.log(`| ${table.head.map(cell).join(' | ')} |`);
  console.log(`|${table.head.map(() => '---').join('|')}|`);
  for (const row of table.rows) console.log(`| ${row.map(cell).join(' | ')} |`);
  if (table.note) console.log(`\n${table.note}`);
}
console.log('');
console.log(
  `${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB, ${chromium}, node ${process.version}; ` +
    `load average ${machine.load1Before} before, ${machine.load1After} after; ${Math.round(seconds)} s; build ${commit}.`,
);
const missed = rows.filter((row) => row.met === false).map((row) => row.id);
if (missed.length) console.log(`Goals missed: ${missed.join(', ')}.`);
if (missing.length) console.error(`Not measured (a bench test failed): ${missing.join(', ')}.`);

mkdirSync('bench', { recursive: true });
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ ranAt: new Date().toISOString(), build: commit, seconds: Math.round(seconds), machine, figures: rows, tables }, null, 2)}\n`,
);
console.log('Written to bench/results.json.');
rmSync(work, { recursive: true, force: true });
process.exit(vitest.status !== 0 || missing.length ? 1 : 0);

/**
 * What a bench file measured, handed to scripts/bench.mjs, which prints every figure in one table
 * (and writes bench/results.json). Each figure keeps its samples, so the table shows the median and
 * the spread over the runs, and its floor (the simplest way to do the same, or what no extension
 * can beat) measured in the same run, so the ratio stays readable on a shared, busy machine.
 */
import { appendFileSync } from 'node:fs';

export interface Goal {
  /** Met when the median is at most this. */
  max?: number;
  /** Met when the median is at most this fraction of the floor's median. */
  maxRatio?: number;
  /** Met only when the median is not above the floor's median too (as well as `max`). */
  notAboveFloor?: boolean;
  /** The goal as the table shows it. */
  text: string;
}

export interface Figure {
  /** Where the figure goes in the table (scripts/bench.mjs orders by it). */
  id: string;
  label: string;
  unit: 'ms' | 'kB' | 'MB' | 'tokens';
  samples: number[];
  floor?: { label: string; samples: number[] };
  goal?: Goal;
  note?: string;
}

/** Hands a figure to scripts/bench.mjs (BENCH_FIGURES names the file), or prints it when run alone. */
export function record(figure: Figure): void {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
  else console.log(JSON.stringify(figure));
}

/** A small table of its own, printed after the main one (measurements too many for one row each). */
export interface Table {
  id: string;
  title: string;
  head: string[];
  rows: string[][];
  /** A sentence printed under the table (what the figures led to). */
  note?: string;
}

/** Hands a table to scripts/bench.mjs, in the same file as the figures, or prints it when run alone. */
export function recordTable(table: Table): void {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ table })}\n`);
  else console.log(JSON.stringify({ table }));
}

/** Now, in ms since the epoch, on the clock the worker, the pages and the fake server all read. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

import path from 'node:path';

/** The repository root (this file runs from dist/bench/lib/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The compiled benchmark scripts. */
export const DIST_BENCH = path.join(ROOT, 'dist', 'bench');
/** Subjects compiled by the benchmark itself, inside the package so `spanweave/runtime` resolves by self-reference. */
export const COMPILED = path.join(DIST_BENCH, 'compiled');
/** Where the report is written. */
export const REPORT = path.join(ROOT, 'docs', 'benchmarks.md');

/** A compiled benchmark script, from its path under bench/ without the extension. */
export function script(name: string): string {
  return path.join(DIST_BENCH, `${name}.js`);
}

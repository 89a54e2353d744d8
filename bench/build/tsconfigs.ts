import fs from 'node:fs';
import path from 'node:path';

/** The tsconfig every compiler builds the plain program from. */
export const PLAIN_TSCONFIG = 'tsconfig.plain.json';
/** The same tsconfig with spanweave's plugin entry, `functions: "all"`. */
export const SPANWEAVE_TSCONFIG = 'tsconfig.spanweave.json';
/**
 * The spanweave tsconfig with a `report`, for one build after the measured
 * ones, which counts the functions wrapped. Not measured: a report makes the
 * transformer choose the functions of every file before the emit.
 */
export const REPORT_TSCONFIG = 'tsconfig.report.json';
/** Where the REPORT_TSCONFIG build writes its report. */
export const SPANWEAVE_REPORT = 'spanweave-report.json';

export interface TsconfigBase {
  compilerOptions: Record<string, unknown>;
  include: string[];
}

/** Writes `base` into `dir` as PLAIN_TSCONFIG, and with a plugin entry as SPANWEAVE_TSCONFIG and REPORT_TSCONFIG. */
export function writeTsconfigs(dir: string, base: TsconfigBase): void {
  const withPlugin = (entry: Record<string, unknown>) => ({ ...base, compilerOptions: { ...base.compilerOptions, plugins: [entry] } });
  const entry = { transform: 'spanweave/transformer', functions: 'all' };
  fs.writeFileSync(path.join(dir, PLAIN_TSCONFIG), JSON.stringify(base, null, 2));
  fs.writeFileSync(path.join(dir, SPANWEAVE_TSCONFIG), JSON.stringify(withPlugin(entry), null, 2));
  fs.writeFileSync(path.join(dir, REPORT_TSCONFIG), JSON.stringify(withPlugin({ ...entry, report: SPANWEAVE_REPORT }), null, 2));
}

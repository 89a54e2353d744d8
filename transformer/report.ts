/**
 * The build report (`report` option): every instrumented function and every
 * function a rule matched but that was left out, with the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionKind } from './options';

/** One instrumented function. */
export interface FunctionReport {
  /** The qualified name (`Class.method`). */
  name: string;
  /** Path relative to the tsconfig's folder. */
  file: string;
  line: number;
  kind: FunctionKind;
  /** What selected it: `functions: "all"`, `functions[2]`, `@trace`. */
  rule: string;
}

/** A function a rule matched that was not instrumented. */
export interface SkippedReport extends FunctionReport {
  reason: string;
}

/** The report file's content. */
export interface BuildReport {
  instrumented: FunctionReport[];
  skipped: SkippedReport[];
}

/** Writes the report as JSON, creating the folder if needed. */
export function writeReport(file: string, report: BuildReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

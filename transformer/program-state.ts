/**
 * What spanweave computes once per program and per plugin entry: the merged
 * options, the selection plan, the report file and the diagnostics about the
 * options. tspc creates the transformer again for each emit (watch mode, -b);
 * the work is not repeated and no diagnostic is reported twice.
 */
import * as path from 'node:path';
import type * as ts from 'typescript';
import { DIAGNOSTIC_CODES, toDiagnostic } from './diagnostics';
import { resolveOptions, type ResolvedOptions } from './options';
import { writeReport } from './report';
import { ProgramPlan } from './select/plan';

export interface ProgramState {
  readonly options: ResolvedOptions;
  readonly plan: ProgramPlan;
  readonly projectDir: string;
  /** Diagnostics about the options and rules, reported once. */
  readonly diagnostics: readonly ts.Diagnostic[];
}

const states = new WeakMap<ts.Program, Map<string, ProgramState>>();

export function programState(tsi: typeof ts, program: ts.Program, rawOptions: unknown): ProgramState {
  const key = JSON.stringify(rawOptions ?? {});
  let byOptions = states.get(program);
  if (byOptions === undefined) states.set(program, (byOptions = new Map()));
  let state = byOptions.get(key);
  if (state === undefined) byOptions.set(key, (state = createState(tsi, program, rawOptions)));
  return state;
}

function createState(tsi: typeof ts, program: ts.Program, rawOptions: unknown): ProgramState {
  const { options, problems } = resolveOptions(rawOptions);
  const projectDir = projectDirOf(program);
  const plan = new ProgramPlan(tsi, program, options, projectDir);
  const diagnostics = problems.map((p) => toDiagnostic(tsi, p, DIAGNOSTIC_CODES.option));
  for (const { index, rule } of plan.selector.unusedRules()) {
    const problem = { severity: 'warning' as const, message: `rule functions[${index}] ${JSON.stringify(rule)} matched no function.` };
    diagnostics.push(toDiagnostic(tsi, problem, DIAGNOSTIC_CODES.unusedRule));
  }
  if (options.report !== undefined) {
    writeReport(path.resolve(projectDir, options.report), { instrumented: plan.instrumentedReport, skipped: plan.skippedReport });
  }
  return { options, plan, projectDir, diagnostics };
}

/** The tsconfig's folder, or the program's current directory when it was not built from one. */
function projectDirOf(program: ts.Program): string {
  const configFilePath = program.getCompilerOptions().configFilePath;
  return typeof configFilePath === 'string' ? path.dirname(configFilePath) : program.getCurrentDirectory();
}

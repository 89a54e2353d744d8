/**
 * `spanweave instrument <dir or files> [--out <dir>] [--project <tsconfig>]
 * [--functions exported|all|none]`: the command line of the JavaScript
 * instrumenter. The options are those of the tsconfig's spanweave plugin
 * entry (`compilerOptions.plugins`, `"transform": "spanweave/transformer"`),
 * so a project that moves from tspc to tsgo keeps its configuration; paths
 * are relative to the tsconfig's folder, as for the transformer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import type { SpanweaveOptions } from '../options';
import { instrumentFiles } from './files';

export const INSTRUMENT_USAGE = `usage: spanweave instrument <dir or files...> [--out <dir>] [--project <tsconfig.json>] [--functions exported|all|none]

Instruments emitted JavaScript (.js, .mjs, .cjs) and its source maps, in place or into --out.
Options come from the spanweave entry of the tsconfig's compilerOptions.plugins (default ./tsconfig.json, if any).`;

interface Parsed {
  inputs: string[];
  out?: string;
  project?: string;
  functions?: string;
}

/** Runs the command with `args` (after `instrument`); returns the exit code. */
export function runInstrument(args: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    err.write(`spanweave: ${parsed}\n${INSTRUMENT_USAGE}\n`);
    return 2;
  }
  try {
    const { options, projectDir } = projectOptions(parsed.project);
    if (parsed.functions !== undefined) options.functions = parsed.functions as SpanweaveOptions['functions'];
    const result = instrumentFiles({ ...options, projectDir, inputs: parsed.inputs, outDir: parsed.out });
    for (const warning of result.warnings) err.write(`warning: ${warning}\n`);
    for (const { file, error } of result.failed) err.write(`error: ${path.relative('.', file)}: ${error}\n`);
    out.write(`spanweave: instrumented ${result.changed.length} file(s), ${result.unchanged.length} unchanged, ${result.failed.length} failed\n`);
    return result.failed.length > 0 ? 1 : 0;
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseArgs(args: readonly string[]): Parsed | string {
  const parsed: Parsed = { inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const flag = (['--out', '--project', '--functions'] as const).find((f) => arg === f || arg.startsWith(`${f}=`));
    if (flag === undefined) {
      if (arg.startsWith('-')) return `unknown flag '${arg}'.`;
      parsed.inputs.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
    if (value === undefined || value === '') return `${flag} needs a value.`;
    parsed[flag.slice(2) as 'out' | 'project' | 'functions'] = value;
  }
  if (parsed.inputs.length === 0) return 'no folder or file to instrument.';
  const missing = parsed.inputs.find((input) => !fs.existsSync(input));
  return missing === undefined ? parsed : `'${missing}' does not exist.`;
}

/** The spanweave plugin entry of the tsconfig (none: the defaults) and the folder paths are relative to. */
export function projectOptions(project: string | undefined): { options: SpanweaveOptions; projectDir: string } {
  const configPath = path.resolve(project ?? 'tsconfig.json');
  if (!fs.existsSync(configPath)) {
    if (project !== undefined) throw new Error(`spanweave: ${project} does not exist.`);
    return { options: {}, projectDir: process.cwd() };
  }
  const tsi: typeof ts = require('typescript');
  const read = tsi.readConfigFile(configPath, tsi.sys.readFile);
  if (read.error !== undefined) throw new Error(`spanweave: ${tsi.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const projectDir = path.dirname(configPath);
  // Parsed, not read raw, so plugins inherited through `extends` count as they do for tspc.
  const plugins = (tsi.parseJsonConfigFileContent(read.config, tsi.sys, projectDir).options.plugins ?? []) as { transform?: unknown }[];
  const entry = plugins.find((p) => typeof p.transform === 'string' && isSpanweaveTransform(p.transform, projectDir));
  const { transform: _transform, ...options } = entry ?? {};
  return { options: options as SpanweaveOptions, projectDir };
}

/** This package's transformer: by package name (`spanweave/transformer`) or by a path to its entry file or folder. */
function isSpanweaveTransform(transform: string, projectDir: string): boolean {
  if (transform === 'spanweave' || transform.startsWith('spanweave/')) return true;
  if (!transform.startsWith('.') && !path.isAbsolute(transform)) return false;
  const ownEntry = path.resolve(__dirname, '..', 'index');
  const given = path.resolve(projectDir, transform).replace(/\.[cm]?[jt]s$/, '');
  return given === ownEntry || given === path.dirname(ownEntry);
}

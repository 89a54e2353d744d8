/**
 * `spanweave/transformer`: the TypeScript source transformer that wraps the
 * selected functions (and, through call-site instrumenters, HTTP calls) in
 * spans. docs/transformer.md documents the options and the emitted code.
 *
 * With tspc (ts-patch), in tsconfig.json:
 *
 *   "plugins": [{ "transform": "spanweave/transformer", "functions": "all" }]
 *
 * With the compiler API, ts-loader or ts-node, pass
 * `createTransformer(program, options)` as a `before` transformer; ts-jest
 * loads this module's `factory`, `name` and `version`.
 */
import type * as ts from 'typescript';
import { emitsCommonJs, FileContextImpl } from './context';
import { DIAGNOSTIC_CODES, toDiagnostic } from './diagnostics';
import type { SpanweaveOptions } from './options';
import { OWN_REQUIRE_MESSAGE, ownRequireDeclaration } from './own-require';
import { programState } from './program-state';
import { unsupportedTypeScript } from './typescript-version';
import { visitFile } from './visitor';

export type { SpanweaveOptions, FunctionRule, FunctionKind, FunctionPreset } from './options';
export type { CallSite, CallSiteInstrumenter } from './callsites';
export type { FileContext } from './context';
export type { BuildReport, FunctionReport, SkippedReport } from './report';

/** What the host gives besides the program and the options (ts-patch's `TransformerExtras`). */
export interface TransformerExtras {
  /** The TypeScript instance of the compiler; default: `require('typescript')`. */
  ts?: typeof ts;
  /** Where error diagnostics go (ts-patch's); they make tspc exit non-zero. Without it, an error throws. */
  addDiagnostic?: (diagnostic: ts.Diagnostic) => unknown;
  /**
   * Where warnings go. Default: printed to stderr the way tsc prints a
   * diagnostic. Not through `addDiagnostic`: tsc exits non-zero on any
   * diagnostic, and a warning must not fail the build.
   */
  reportWarning?: (diagnostic: ts.Diagnostic) => unknown;
}

/**
 * The transformer factory for `program` with the given options (a tsconfig
 * plugin entry, `transform` and ts-patch's own keys included or not).
 */
export function createTransformer(program: ts.Program, options?: SpanweaveOptions, extras: TransformerExtras = {}): ts.TransformerFactory<ts.SourceFile> {
  if (program === undefined || program === null) {
    throw new Error('spanweave: createTransformer needs the ts.Program: it selects functions and HTTP calls with its type checker. This build gave none (a transpile-only mode?).');
  }
  const tsi: typeof ts = extras.ts ?? require('typescript');
  const reportError = extras.addDiagnostic ?? throwError(tsi);
  const reportWarning = extras.reportWarning ?? printWarning(tsi);
  const report = (d: ts.Diagnostic): unknown => (d.category === tsi.DiagnosticCategory.Error ? reportError(d) : reportWarning(d));
  const unsupported = unsupportedTypeScript(tsi.version);
  if (unsupported !== undefined) {
    report(toDiagnostic(tsi, { severity: 'error', message: unsupported }, DIAGNOSTIC_CODES.typescriptVersion));
    return () => (input) => input;
  }
  const state = programState(tsi, program, options);
  state.diagnostics.forEach((d) => reportOnce(program, d, report));
  const checker = program.getTypeChecker();
  return (context) => (input) => {
    const original = tsi.getParseTreeNode(input, tsi.isSourceFile);
    if (original === undefined) return input;
    if (isOutsideProgram(program, original)) {
      warnOutsideProgram(tsi, program, original, reportWarning);
      return input;
    }
    if (!state.plan.select(original)) return input;
    const ownRequire = emitsCommonJs(tsi, program, original) ? ownRequireDeclaration(tsi, original) : undefined;
    if (ownRequire !== undefined) {
      reportWarning(toDiagnostic(tsi, { severity: 'warning', message: OWN_REQUIRE_MESSAGE }, DIAGNOSTIC_CODES.ownRequire, ownRequire));
      return input;
    }
    const file = new FileContextImpl(tsi, context, program, checker, state.options, original, state.plan.files.relative(original));
    const fault = (message: string, node: ts.Node): void => {
      report(toDiagnostic(tsi, { severity: 'error', message }, DIAGNOSTIC_CODES.fault, node));
    };
    try {
      return visitFile(file, state.plan, context, input, fault);
    } catch (error) {
      // A bug of ours must not lose the user's file: it is emitted unchanged and the build fails loudly.
      fault(`could not instrument ${file.filePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, original);
      return input;
    }
  };
}

/** The ts-patch entry: `(program, pluginConfig, extras) => TransformerFactory`. */
export default function spanweaveTransformer(program: ts.Program, config?: SpanweaveOptions, extras?: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  return createTransformer(program, config, extras);
}

/** ts-jest's AST transformer contract: `{ name, version, factory(compiler, options) }`. */
export const name = 'spanweave';
export const version = 1;
export function factory(compiler: { program?: ts.Program }, options?: SpanweaveOptions): ts.TransformerFactory<ts.SourceFile> {
  if (compiler.program === undefined) {
    throw new Error('spanweave: ts-jest gave no program (isolatedModules?); spanweave needs the type checker.');
  }
  return createTransformer(compiler.program, options);
}

/**
 * A source file the program does not hold: a compiler that transpiles file by
 * file (ts-loader's `transpileOnly`, `ts.transpileModule`) parses each file on
 * its own and hands spanweave a program without it, so there is no plan and
 * no type checker for it.
 */
function isOutsideProgram(program: ts.Program, file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && program.getSourceFile(file.fileName) !== file;
}

const warnedOutside = new WeakSet<ts.Program>();

/** Once per program: every file of such a build is outside it, and one warning says why none has spans. */
function warnOutsideProgram(tsi: typeof ts, program: ts.Program, file: ts.SourceFile, report: (d: ts.Diagnostic) => unknown): void {
  if (warnedOutside.has(program)) return;
  warnedOutside.add(program);
  const message =
    `${file.fileName} is not part of the program spanweave was created with, so it is emitted without spans ` +
    '(nor is any other such file). A build that compiles file by file (ts-loader\'s transpileOnly, ts.transpileModule) ' +
    'gives spanweave no type checker; compile with the whole program instead.';
  report(toDiagnostic(tsi, { severity: 'warning', message }, DIAGNOSTIC_CODES.outsideProgram));
}

const reported = new WeakMap<ts.Program, Set<ts.Diagnostic>>();

function reportOnce(program: ts.Program, diagnostic: ts.Diagnostic, report: (d: ts.Diagnostic) => unknown): void {
  let seen = reported.get(program);
  if (seen === undefined) reported.set(program, (seen = new Set()));
  if (seen.has(diagnostic)) return;
  seen.add(diagnostic);
  report(diagnostic);
}

function throwError(tsi: typeof ts): (diagnostic: ts.Diagnostic) => never {
  return (diagnostic) => {
    throw new Error(tsi.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  };
}

function printWarning(tsi: typeof ts): (diagnostic: ts.Diagnostic) => void {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  return (diagnostic) => {
    process.stderr.write(tsi.formatDiagnostic(diagnostic, host));
  };
}

import path from 'node:path';
import ts from 'typescript';
import { COMPILED, ROOT } from './paths';
import { spanweaveTransformer } from './transformer';

/** The compiler options both builds of a benchmark subject share. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  // CommonJS output: the package has no "type", as in the root tsconfig.
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  esModuleInterop: true,
  strict: true,
  skipLibCheck: true,
  types: ['node'],
};

/**
 * Compiles `files` into `outDir` with the compiler API, optionally through a
 * transformer factory; throws on any error diagnostic, so a benchmark never
 * runs a half-compiled subject.
 */
export function compileFiles(
  files: readonly string[],
  outDir: string,
  rootDir: string,
  before?: (program: ts.Program, addDiagnostic: (d: ts.Diagnostic) => void) => ts.TransformerFactory<ts.SourceFile>,
): void {
  const program = ts.createProgram(files, { ...COMPILER_OPTIONS, outDir, rootDir });
  const extra: ts.Diagnostic[] = [];
  const transformers = before ? { before: [before(program, (d) => extra.push(d))] } : undefined;
  const emitted = program.emit(undefined, undefined, undefined, false, transformers);
  const errors = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics, ...extra].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => rootDir,
      getNewLine: () => '\n',
    };
    throw new Error(`bench: compiling into ${path.relative(process.cwd(), outDir)} failed\n${ts.formatDiagnostics(errors, host)}`);
  }
}

/** A benchmark subject compiled both ways, with the module paths of each. */
export interface CompiledPair {
  plain: string;
  spanweave: string;
  /** Why the transformer could not compile it, if it could not (the spanweave module is then missing). */
  compileError?: string;
}

/**
 * Compiles one file under bench/subjects twice with the same options, plainly
 * and with spanweave (`functions: "all"`), into dist/bench/compiled/<name>-plain
 * and <name>-spanweave.
 */
export function compileBothWays(file: string, name: string): CompiledPair {
  const source = path.join(ROOT, 'bench', 'subjects', file);
  const rootDir = path.dirname(source);
  const output = (dir: string) => path.join(COMPILED, dir, file.replace(/\.ts$/, '.js'));
  compileFiles([source], path.join(COMPILED, `${name}-plain`), rootDir);
  const pair: CompiledPair = { plain: output(`${name}-plain`), spanweave: output(`${name}-spanweave`) };
  try {
    compileFiles([source], path.join(COMPILED, `${name}-spanweave`), rootDir, spanweaveTransformer({ functions: 'all' }));
  } catch (error) {
    pair.compileError = (error as Error).message.split('\n').slice(1).join(' ').trim();
  }
  return pair;
}

import path from 'node:path';
import ts from 'typescript';

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

/**
 * Compiles TypeScript with spanweave in-process (the compiler API, the
 * transformer passed directly) or with the real `tspc`, for the transformer tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { createTransformer, type SpanweaveOptions } from 'spanweave/transformer';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** The built transformer and runtime, for projects outside the package (temp folders). */
export const transformerPath = path.join(repoRoot, 'dist', 'transformer', 'index.js');
export const runtimePath = path.join(repoRoot, 'dist', 'runtime', 'index.js');

/**
 * Resolves after the current macrotask: the span of a plain function that
 * returned a promise is finished once spanweave has read how the promise
 * settled, a macrotask after it did (runtime/settlement.ts).
 */
export function settlementsRead(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface CompileResult {
  /** Emitted files by absolute path. */
  outputs: Map<string, string>;
  diagnostics: readonly ts.Diagnostic[];
  program: ts.Program;
}

/**
 * Compiles `rootNames` with `options`; with `plugin` (spanweave's options) the
 * transformer runs as a `before` transformer, else it is plain tsc. Files are
 * written to disk only when `write` is set.
 */
export function compile(rootNames: string[], options: ts.CompilerOptions, plugin?: SpanweaveOptions, write = false): CompileResult {
  const program = ts.createProgram(rootNames, options);
  const outputs = new Map<string, string>();
  const diagnostics: ts.Diagnostic[] = [];
  const transformers = plugin === undefined ? undefined : { before: [createTransformer(program, plugin, { ts, addDiagnostic: (d) => diagnostics.push(d), reportWarning: (d) => diagnostics.push(d) })] };
  const result = program.emit(
    undefined,
    (file, text) => {
      outputs.set(file, text);
      if (write) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
    },
    undefined,
    false,
    transformers,
  );
  return { outputs, diagnostics: [...ts.getPreEmitDiagnostics(program), ...result.diagnostics, ...diagnostics], program };
}

/** Writes `files` (relative path → text) into a fresh temp folder and returns it. */
export function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanweave-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Runs the real `tspc` of this checkout in `cwd`. */
export function tspc(cwd: string, args: string[] = []): { status: number | null; output: string } {
  const bin = path.join(repoRoot, 'node_modules', 'ts-patch', 'bin', 'tspc.js');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Builds fixtures/<name> with the real tspc and the fixture's own plugin
 * options into fixtures/<name>/out/<outDir>. tspc resolves
 * `spanweave/transformer` from its own folder, where this checkout is not
 * installed, so the build extends the fixture's tsconfig with the
 * transformer's path. Returns the output folder; throws with tspc's output
 * when the build fails.
 */
export function tspcFixture(name: string, outDir: string): string {
  const fixture = path.join(repoRoot, 'fixtures', name);
  const base = JSON.parse(fs.readFileSync(path.join(fixture, 'tsconfig.json'), 'utf8'));
  const { transform: _transform, ...plugin } = base.compilerOptions.plugins[0];
  const config = path.join(fixture, 'out', `tsconfig.${outDir}.json`);
  fs.mkdirSync(path.dirname(config), { recursive: true });
  const compilerOptions = { outDir, plugins: [{ transform: transformerPath, ...plugin }] };
  fs.writeFileSync(config, JSON.stringify({ extends: '../tsconfig.json', compilerOptions }));
  const { status, output } = tspc(fixture, ['-p', config]);
  if (status !== 0) throw new Error(`tspc ${name}:\n${output}`);
  return path.join(fixture, 'out', outDir);
}

export function messages(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

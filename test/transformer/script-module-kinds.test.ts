/**
 * A script (a file without import or export) under module none, amd, umd or
 * system: TypeScript's module transform leaves it as it is, so the runtime
 * import must be a `require`. An `import` stayed in the output and made the
 * script an ES module, where Node runs it without its `require`. A module file
 * under amd still takes an `import`, which TypeScript turns into a dependency.
 * Checked with TypeScript 6, with TypeScript 5 (`typescript5`), and through
 * the rule TypeScript 5.2 to 5.5 need (no `getEmitModuleFormatOfFile`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createTransformer } from 'spanweave/transformer';
import { emitsCommonJs } from '../../transformer/context';
import { runtimePath, tempProject } from './harness';

const ts5: typeof ts = require('typescript5');

const script = `declare function require(name: string): any;
declare const console: { log(...values: unknown[]): void };
const path = require('node:path');
function base(file: string): string {
  return path.basename(file);
}
console.log(base('/a/b.txt'), typeof this);
`;
const moduleFile = `export function twice(n: number): number {
  return n * 2;
}
`;

const kinds = ['None', 'AMD', 'UMD', 'System'] as const;

function build(tsi: typeof ts, dir: string, file: string, kind: ts.ModuleKind, traced: boolean): string {
  const options: ts.CompilerOptions = { module: kind, target: tsi.ScriptTarget.ES2020, types: [], outDir: path.join(dir, traced ? 'traced' : 'plain') };
  if (tsi.version.startsWith('6.')) options.ignoreDeprecations = '6.0';
  const program = tsi.createProgram([path.join(dir, file)], options);
  const problems: ts.Diagnostic[] = [];
  const before = traced ? [createTransformer(program, { functions: 'all', runtime: runtimePath }, { ts: tsi, addDiagnostic: (d) => problems.push(d), reportWarning: (d) => problems.push(d) })] : [];
  let js = '';
  program.emit(undefined, (name, text) => {
    if (!name.endsWith('.js')) return;
    js = text;
    fs.mkdirSync(path.dirname(name), { recursive: true });
    fs.writeFileSync(name, text);
  }, undefined, false, { before });
  assert.deepEqual(problems.map((d) => tsi.flattenDiagnosticMessageText(d.messageText, '\n')), []);
  return js;
}

for (const [label, tsi] of [['TypeScript 6', ts], ['TypeScript 5', ts5]] as const) {
  test(`${label}: a script under module none, amd, umd or system requires the runtime`, () => {
    const dir = tempProject({ 'main.ts': script, 'lib.ts': moduleFile });
    for (const kind of kinds) {
      const js = build(tsi, dir, 'main.ts', tsi.ModuleKind[kind], true);
      assert.match(js, /^var spanweave_\d+ = require\(".*runtime\/index\.js"\);$/m, kind);
      assert.doesNotMatch(js, /^import /m, kind);
    }
    // A module under amd: TypeScript's transform makes the import a dependency of define().
    const amd = build(tsi, dir, 'lib.ts', tsi.ModuleKind.AMD, true);
    assert.match(amd, /^define\(\["require", "exports", ".*runtime\/index\.js"\], function \(require, exports, spanweave_\d+\) \{$/m);
  });

  test(`${label}: the script runs as the plain build does under module none`, () => {
    const dir = tempProject({ 'main.ts': script });
    build(tsi, dir, 'main.ts', tsi.ModuleKind.None, false);
    build(tsi, dir, 'main.ts', tsi.ModuleKind.None, true);
    const run = (variant: string, env: Record<string, string>) => spawnSync(process.execPath, [path.join(dir, variant, 'main.js')], { encoding: 'utf8', env: { ...process.env, ...env } });
    const plain = run('plain', {});
    assert.equal(plain.stdout, 'b.txt object\n');
    const envs: Record<string, string>[] = [{ OTEL_SDK_DISABLED: 'true' }, { OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' }];
    for (const env of envs) {
      const traced = run('traced', env);
      assert.equal(traced.stderr, '');
      assert.equal(traced.stdout, plain.stdout);
    }
  });
}

test('without getEmitModuleFormatOfFile (TypeScript 5.2 to 5.5), the same answer from the options', () => {
  const dir = tempProject({ 'main.ts': script, 'lib.ts': moduleFile });
  const files = [path.join(dir, 'main.ts'), path.join(dir, 'lib.ts')];
  const { ModuleKind: M } = ts5;
  const expected: [ts.ModuleKind, boolean, boolean][] = [
    // module, script requires, module file requires
    [M.None, true, true],
    [M.CommonJS, true, true],
    [M.AMD, true, false],
    [M.UMD, true, false],
    [M.System, true, false],
    [M.ES2015, false, false],
    [M.ESNext, false, false],
  ];
  for (const [kind, scriptRequires, moduleRequires] of expected) {
    const program = ts5.createProgram(files, { module: kind, target: ts5.ScriptTarget.ES2020, types: [] });
    const older = Object.create(program, { getEmitModuleFormatOfFile: { value: undefined } }) as ts.Program;
    const [main, lib] = files.map((file) => program.getSourceFile(file)!);
    // Under module none a module file is emitted through the CommonJS transform (TS1148 reports its imports and exports).
    assert.equal(emitsCommonJs(ts5, older, main!), scriptRequires, `${M[kind]} script`);
    assert.equal(emitsCommonJs(ts5, program, main!), scriptRequires, `${M[kind]} script, 5.6 and later`);
    if (kind !== M.None) {
      assert.equal(emitsCommonJs(ts5, older, lib!), moduleRequires, `${M[kind]} module`);
      assert.equal(emitsCommonJs(ts5, program, lib!), moduleRequires, `${M[kind]} module, 5.6 and later`);
    }
  }
});

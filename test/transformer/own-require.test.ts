/**
 * A file emitted as CommonJS that declares `require` at its top level (a
 * script, or JavaScript compiled with allowJs) would have the runtime import
 * call its own `require`: it is emitted without spans, with warning 99506,
 * and runs as the plain build does. Emitted as an ES module, it is instrumented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { JsInstrumenter } from 'spanweave/instrument';
import { compile, repoRoot, runtimePath, tempProject } from './harness';

const script = `function require(name) {
  return { loaded: name };
}
function describe() {
  return JSON.stringify(require('./config'));
}
console.log(describe());
`;

function build(dir: string, module: ts.ModuleKind, plugin?: object): { js: string; diagnostics: readonly ts.Diagnostic[] } {
  const options = { allowJs: true, module, target: ts.ScriptTarget.ES2022, outDir: path.join(dir, 'out'), types: [] };
  const { outputs, diagnostics } = compile([path.join(dir, 'main.js')], options, plugin);
  return { js: outputs.get(path.join(dir, 'out', 'main.js'))!, diagnostics };
}

test('a CommonJS file with its own top-level require is emitted without spans, with a warning at the declaration', () => {
  const dir = tempProject({ 'main.js': script });
  const plain = build(dir, ts.ModuleKind.CommonJS);
  const traced = build(dir, ts.ModuleKind.CommonJS, { functions: 'all' });
  assert.equal(traced.js, plain.js);
  const warnings = traced.diagnostics.filter((d) => d.code === 99506);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.category, ts.DiagnosticCategory.Warning);
  assert.equal(ts.getLineAndCharacterOfPosition(warnings[0]!.file!, warnings[0]!.start!).line, 0);
  assert.match(ts.flattenDiagnosticMessageText(warnings[0]!.messageText, '\n'), /declares its own `require`.*emitted without spans/);
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'out', 'main.js'), traced.js);
  const run = spawnSync(process.execPath, [path.join(dir, 'out', 'main.js')], { encoding: 'utf8' });
  assert.equal(run.stdout, '{"loaded":"./config"}\n');
});

test('emitted as an ES module, the same file is instrumented: the runtime comes in through import', () => {
  const dir = tempProject({ 'main.js': script });
  const traced = build(dir, ts.ModuleKind.ESNext, { functions: 'all' });
  assert.deepEqual(traced.diagnostics.filter((d) => d.code === 99506), []);
  assert.match(traced.js, /^import \* as spanweave_1 from "spanweave\/runtime";/m);
});

test('the JavaScript instrumenter leaves such a CommonJS file as it is and says why', () => {
  const instrumenter = new JsInstrumenter({ functions: 'all', projectDir: repoRoot });
  const filename = path.join(repoRoot, 'main.js');
  const cjs = instrumenter.instrument(script, { filename, format: 'commonjs' });
  assert.equal(cjs.changed, false);
  assert.equal(cjs.unchangedBecause, 'declares its own require');
  assert.equal(instrumenter.instrument(script, { filename, format: 'module' }).changed, true);
});

test('an ambient declaration of require (a script typing Node\'s) emits nothing: the script is instrumented', () => {
  const dir = tempProject({
    'main.ts': `declare function require(name: string): any;
declare const console: { log(...values: unknown[]): void };
const path = require('node:path');
function base(file: string): string {
  return path.basename(file);
}
console.log(base('/a/b.txt'));
`,
  });
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, outDir: path.join(dir, 'out'), types: [] };
  const traced = compile([path.join(dir, 'main.ts')], options, { functions: 'all', runtime: runtimePath });
  const js = traced.outputs.get(path.join(dir, 'out', 'main.js'))!;
  assert.deepEqual(traced.diagnostics.filter((d) => d.code === 99506), []);
  assert.match(js, /^var spanweave_1 = require\(".*runtime\/index\.js"\);$/m);
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'out', 'main.js'), js);
  const run = spawnSync(process.execPath, [path.join(dir, 'out', 'main.js')], { encoding: 'utf8', env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' } });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, 'b.txt\n');
});

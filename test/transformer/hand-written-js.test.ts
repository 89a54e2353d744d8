/**
 * JavaScript as people write it, not as a compiler prints it, through both
 * instrumenters: the transformer (`allowJs`) and `spanweave/instrument`. Each
 * build runs in a child process with tracing on and must print what the plain
 * program prints. Found by test262 (scripts/test262.js, docs/realworld.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { instrumentJs, JsInstrumenter } from 'spanweave/instrument';
import { compile, repoRoot, tempProject } from './harness';

/**
 * A sloppy-mode script whose function declarations, moved into the wrapper's
 * block, would change meaning or stop parsing (select/block-conflicts.ts).
 */
const hoisting = `function varAndFunction() {
  var x;
  return typeof x;
  function x() { return 7; }
}
function parameterAndFunction(x) {
  function x() {}
  return typeof arguments[0];
}
function twice() {
  return f();
  function f() { return 1; }
  function f() { return 2; }
}
console.log(varAndFunction(), parameterAndFunction(1), twice());
`;

/** Empty bodies, which tsc prints as \`{ }\` but people and minifiers write as \`{}\`. */
const emptyBodies = `function noop() {}
const arrow = () => {};
const object = { method() {}, get value() {} };
class Empty { method() {} static create() {} }
function strict() {"use strict"}
console.log(noop(), arrow(), object.method(), object.value, new Empty().method(), Empty.create(), strict());
`;

const tracingOn = { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' };

function runScript(dir: string, name: string, code: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, code);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: repoRoot, env: tracingOn });
  assert.equal(run.status, 0, `${name}: ${run.stderr}`);
  assert.equal(run.stderr, '', name);
  return run.stdout;
}

/**
 * What the script prints as written and instrumented by `spanweave/instrument`,
 * and compiled by TypeScript (CommonJS, which makes it strict) plainly and
 * with the transformer.
 */
function builds(source: string): { plain: string; instrumented: string; compiled: string; transformed: string } {
  const dir = tempProject({ 'main.js': source });
  const options = { allowJs: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, outDir: path.join(dir, 'out'), types: [] };
  const emit = (plugin?: object): string => compile([path.join(dir, 'main.js')], options, plugin).outputs.get(path.join(dir, 'out', 'main.js'))!;
  const instrumented = instrumentJs(source, { filename: path.join(dir, 'main.js'), functions: 'all', format: 'commonjs', projectDir: dir });
  assert.ok(instrumented.changed);
  // Beside the repository, so that `spanweave/runtime` resolves to this checkout.
  const runs = fs.mkdtempSync(path.join(repoRoot, 'fixtures', '.hand-written-'));
  try {
    return {
      plain: runScript(runs, 'plain.js', source),
      instrumented: runScript(runs, 'instrumented.js', instrumented.code),
      compiled: runScript(runs, 'compiled.js', emit()),
      transformed: runScript(runs, 'transformed.js', emit({ functions: 'all' })),
    };
  } finally {
    fs.rmSync(runs, { recursive: true, force: true });
  }
}

test('a function whose body declares a function with a var, a parameter or another function of its name is left unwrapped, and runs as written', () => {
  const { plain, instrumented, compiled, transformed } = builds(hoisting);
  assert.equal(plain, 'function function 2\n');
  assert.equal(instrumented, plain);
  assert.equal(compiled, 'function number 2\n'); // strict: `arguments` is not bound to the parameter
  assert.equal(transformed, compiled);
  const instrumenter = new JsInstrumenter({ functions: 'all', projectDir: repoRoot });
  instrumenter.instrument(hoisting, { filename: path.join(repoRoot, 'main.js'), format: 'commonjs' });
  assert.deepEqual(
    instrumenter.report().skipped.map(({ name, reason }) => `${name}: ${reason}`),
    ['varAndFunction: its body declares function x and a var of that name', 'parameterAndFunction: its body declares function x, the name of a parameter', 'twice: its body declares function f twice'],
  );
});

test('empty bodies written as {} are wrapped into code that parses and runs', () => {
  const { plain, instrumented, compiled, transformed } = builds(emptyBodies);
  assert.equal(plain, 'undefined undefined undefined undefined undefined undefined undefined\n');
  assert.equal(instrumented, plain);
  assert.equal(compiled, plain);
  assert.equal(transformed, plain);
});

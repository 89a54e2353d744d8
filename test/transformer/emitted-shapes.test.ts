/**
 * The emitted JavaScript of fixtures/functions-golden, compared with the
 * committed golden files. Run with SPANWEAVE_UPDATE_GOLDEN=1 to rewrite them
 * after an intended change, and review the diff.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { createTransformer, type SpanweaveOptions } from 'spanweave/transformer';
import { buildFixture, fixtureOptions } from './fixture-build';
import { repoRoot } from './harness';

const plugin: SpanweaveOptions = { functions: [{ match: 'login', captureArgs: true, captureReturn: true }, {}] };
const goldenDir = path.join(repoRoot, 'fixtures', 'functions-golden', 'golden');
const update = process.env.SPANWEAVE_UPDATE_GOLDEN === '1';

function emitted(variant: string, overrides: ts.CompilerOptions): string {
  const build = buildFixture('functions-golden', variant, plugin, overrides);
  return build.outputs.get(path.join(build.outDir, 'shapes.js'))!;
}

function checkGolden(name: string, text: string): void {
  const file = path.join(goldenDir, name);
  if (update) {
    fs.mkdirSync(goldenDir, { recursive: true });
    fs.writeFileSync(file, text);
  }
  assert.equal(text, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file (SPANWEAVE_UPDATE_GOLDEN=1 rewrites it)`);
}

let commonjs: string;
before(() => {
  commonjs = emitted('golden-commonjs', {});
});

test('golden: CommonJS, es2022', () => checkGolden('shapes.commonjs.js', commonjs));

test('golden: ES module, esnext', () => {
  checkGolden('shapes.esnext.js', emitted('golden-esnext', { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }));
});

test('golden: CommonJS, es2017 (class fields and for-await lowered by TypeScript after spanweave)', () => {
  checkGolden('shapes.es2017.js', emitted('golden-es2017', { target: ts.ScriptTarget.ES2017 }));
});

test('the checker picks the wrapper: only the function that may return a promise goes through `returned`', () => {
  const bodyOf = (name: string) => commonjs.slice(commonjs.indexOf(`function ${name}(`), commonjs.indexOf('\n}\n', commonjs.indexOf(`function ${name}(`)));
  assert.doesNotMatch(bodyOf('syncOnly'), /returned\(/);
  assert.match(bodyOf('maybePromise'), /return spanweave_\d+\.returned\(spanweave_call, load\(\)\);/);
  assert.doesNotMatch(bodyOf('asyncSteps'), /returned\(/);
  assert.match(bodyOf('syncOnly'), /^function syncOnly\(a, b\) \{\n    'use strict';\n    const spanweave_call/);
});

test('listing the plugin twice does not wrap twice', () => {
  const { rootNames, options } = fixtureOptions('functions-golden', { outDir: path.join(repoRoot, 'fixtures', 'functions-golden', 'out', 'twice') });
  const program = ts.createProgram(rootNames, options);
  let text = '';
  const before = [createTransformer(program, plugin, { ts }), createTransformer(program, { functions: 'all' }, { ts })];
  program.emit(undefined, (file, data) => file.endsWith('shapes.js') && (text = data), undefined, false, { before });
  assert.equal(text, commonjs);
});

test('captureArgs and captureReturn record values safely, secrets redacted', () => {
  const memory = new MemoryReporter();
  init({ reporters: [memory], sampler: 'always_on' });
  try {
    const build = buildFixture('functions-golden', 'capture', plugin);
    const { login } = require(path.join(build.outDir, 'shapes.js'));
    const options = { token: 'abc', retries: 2 };
    assert.deepEqual(login('alice', 'hunter2', options), { user: 'alice', ok: true });
    const [span] = memory.spans();
    assert.equal(span.tags['arg.user'], 'alice');
    assert.equal(span.tags['arg.password'], '[REDACTED]');
    assert.equal(span.tags['arg.options'], '{ token: [REDACTED], retries: 2 }');
    assert.equal(span.tags.result, '{ user: "alice", ok: true }');
  } finally {
    init({ enabled: false });
  }
});

test('declaration output is unchanged', () => {
  const declarations = (withSpanweave: boolean): string => {
    const { rootNames, options } = fixtureOptions('functions-golden', { declaration: true, emitDeclarationOnly: false });
    const program = ts.createProgram(rootNames, options);
    let text = '';
    const before = withSpanweave ? [createTransformer(program, plugin, { ts })] : [];
    program.emit(undefined, (file, data) => file.endsWith('shapes.d.ts') && (text = data), undefined, false, { before });
    return text;
  };
  const plainDts = declarations(false);
  assert.match(plainDts, /export declare function syncOnly/);
  assert.equal(declarations(true), plainDts);
});

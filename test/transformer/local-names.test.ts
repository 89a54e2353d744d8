/**
 * The frame and catch parameter of a wrapped function are fixed names when
 * the file's text holds no `spanweave` (FileContext.localName), unique names
 * otherwise. fixtures/functions-nesting: nested wrapped functions and
 * closures each see their own frame (functions-fixture.test.ts runs its
 * scenarios against the plain build; here, the names and the span tree).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { buildFixture, type FixtureBuild } from './fixture-build';

const memory = new MemoryReporter();
let build: FixtureBuild;
const output = (name: string) => build.outputs.get(path.join(build.outDir, name))!;

before(() => {
  build = buildFixture('functions-nesting', 'local-names', { functions: 'all' });
  init({ reporters: [memory], sampler: 'always_on' });
});
after(() => init({ enabled: false }));

test('a file that never names spanweave gets the fixed names', () => {
  const text = output('nesting.js');
  assert.match(text, /const spanweave_call = /);
  assert.match(text, /catch \(spanweave_error\)/);
  assert.doesNotMatch(text, /spanweave_(call|error)_\d/);
});

test("a file holding names like ours gets unique ones, and the user's names keep their values", () => {
  const text = output('clash.js');
  assert.doesNotMatch(text, /const spanweave_call = spanweave_sites/);
  assert.match(text, /const spanweave_call_\d+ = spanweave_enter_\d+\(\d+\);/);
  assert.match(text, /catch \(spanweave_error_\d+\)/);
  const clash = require(path.join(build.outDir, 'clash.js'));
  assert.deepEqual(clash.reads(), ['user call', 'user error', 'user one']);
  assert.equal(clash.shadows(1), 2);
});

test('nested wrapped functions and closures each finish their own span, under the enclosing one', async () => {
  const nesting = require(path.join(build.outDir, 'nesting.js'));
  memory.clear();
  assert.deepEqual(await nesting.outer([1, 2]), [3, 5, 1, 2]);
  const spans = memory.spans();
  const byName = (name: string) => spans.filter((s) => s.operationName === name);
  const [outer] = byName('outer');
  assert.equal(outer.parentId, undefined);
  const later = byName('later');
  const inner = byName('inner');
  const twice = byName('twice');
  assert.equal(later.length, 2);
  assert.deepEqual(later.map((s) => s.parentId), [outer.spanId, outer.spanId]);
  assert.deepEqual(inner.map((s) => s.parentId), later.map((s) => s.spanId));
  assert.deepEqual(twice.map((s) => s.parentId), inner.map((s) => s.spanId));

  memory.clear();
  const computed = require(path.join(build.outDir, 'computed.js'));
  assert.equal(await computed.classInside(Promise.resolve('run')), 'method a');
  const [classInside] = memory.spans().filter((s) => s.operationName === 'classInside');
  const method = memory.spans().find((s) => s.operationName !== 'classInside')!;
  assert.equal(classInside.parentId, undefined);
  assert.equal(method.parentId, classInside.spanId);

  memory.clear();
  const error = new Error('same');
  assert.equal(nesting.throwsThrough(error), error);
  const rethrow = memory.spans().find((s) => s.operationName === 'rethrow')!;
  const through = memory.spans().find((s) => s.operationName === 'throwsThrough')!;
  assert.equal(rethrow.tags.error, true);
  assert.equal(rethrow.parentId, through.spanId);
  assert.equal(through.tags.error, undefined);
});

test('below ES2015 an async function or generator has a unique catch parameter: the generator transform renames it only then', async () => {
  const es5 = buildFixture('functions-nesting', 'local-names-es5', { functions: 'all' }, { target: ts.ScriptTarget.ES5, downlevelIteration: true, ignoreDeprecations: '6.0' });
  const downlevel = require(path.join(es5.outDir, 'nesting.js')).scenarios;
  const native = require(path.join(build.outDir, 'nesting.js')).scenarios;
  for (const name of Object.keys(native)) assert.deepEqual(await downlevel[name](), await native[name](), name);
});

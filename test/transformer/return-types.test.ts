/**
 * The type checker picks the wrapper of a plain function (select/returns.ts):
 * promise-aware when its return type may hold a thenable, the synchronous one
 * when it cannot. Read off the emitted descriptors of one compiled file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { compile, tempProject } from './harness';

const project = tempProject({
  'src/returns.ts': `
export function globalObject(): globalThis.Object { return {}; }
export function text(): string { return ''; }
export function record(): { a: number } { return { a: 1 }; }
export function anyObject(): object { return {}; }
export function empty(): {} { return {}; }
export function promise(): Promise<number> { return Promise.resolve(1); }
export function thenable(): { then(f: () => void): void } { return { then: (f) => f() }; }
export function unknownValue(): unknown { return 1; }
`,
});

const emitted = (() => {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, types: [], lib: ['lib.es2022.d.ts'], rootDir: project, outDir: path.join(project, 'out') };
  const { outputs } = compile([path.join(project, 'src', 'returns.ts')], options, { functions: 'all' });
  return outputs.get(path.join(project, 'out', 'src', 'returns.js'))!;
})();

const promiseAware = (name: string) => new RegExp(`\\d+, "${name}", \\{ returnsPromise: true \\}`).test(emitted);

test('return types that may hold a thenable get the promise-aware wrapper', () => {
  for (const name of ['anyObject', 'empty', 'globalObject', 'promise', 'thenable', 'unknownValue']) assert.ok(promiseAware(name), name);
});

test('return types that cannot hold a thenable get the synchronous wrapper', () => {
  for (const name of ['text', 'record']) assert.ok(!promiseAware(name), name);
});

/**
 * A tsconfig without `target` emits what TypeScript's default target says:
 * TypeScript 6 its latest standard, TypeScript 5 ES2022 or ESNext under
 * `module` node16 to nodenext and ES5 otherwise. The wrapper follows the
 * compiler: a native `await` goes through `awaiting`/`awaited` (only the
 * first one after the call hands the context back), an `await` TypeScript
 * turns into a generator step through `suspend`/`resume`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { createTransformer } from 'spanweave/transformer';
import { compile, runtimePath, tempProject } from './harness';

const ts5: typeof ts = require('typescript5');

const SOURCE = `
export async function outer(): Promise<string> {
  const a = await inner('a');
  const b = await inner('b');
  return a + b;
}
async function inner(value: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return value;
}
`;

after(() => init({ enabled: false }));

function emittedWith(compiler: typeof ts, options: ts.CompilerOptions): string {
  const dir = tempProject({ 'main.ts': SOURCE });
  const program = compiler.createProgram([path.join(dir, 'main.ts')], { strict: true, types: [], ...options });
  let text = '';
  const result = program.emit(undefined, (file, data) => file.endsWith('.js') && (text = data), undefined, false, {
    before: [createTransformer(program, { functions: 'all' }, { ts: compiler })],
  });
  assert.deepEqual(result.diagnostics, []);
  return text;
}

test('TypeScript 6 without a target: native awaits go through awaiting/awaited, and the program runs traced', async () => {
  const dir = tempProject({ 'main.ts': SOURCE });
  const { outputs, diagnostics } = compile([path.join(dir, 'main.ts')], { strict: true, types: [], module: ts.ModuleKind.CommonJS, outDir: path.join(dir, 'out') }, { functions: 'all', runtime: runtimePath }, true);
  assert.deepEqual(diagnostics, []);
  const text = outputs.get(path.join(dir, 'out', 'main.js'))!;
  assert.match(text, /await spanweave_1\.awaiting\(/);
  assert.doesNotMatch(text, /spanweave_1\.suspend\(/);
  assert.match(text, /catch \(spanweave_error\)/, 'the fixed catch name of an output that keeps async functions');

  const memory = new MemoryReporter();
  init({ reporters: [memory], sampler: 'always_on' });
  assert.equal(await require(path.join(dir, 'out', 'main.js')).outer(), 'ab');
  const spans = memory.spans();
  const [outer] = spans.filter((s) => s.operationName === 'outer');
  assert.deepEqual(
    spans.filter((s) => s.operationName === 'inner').map((s) => s.parentId),
    [outer!.spanId, outer!.spanId],
  );
});

test('TypeScript 5 without a target: ESNext under module nodenext, ES5 under commonjs', () => {
  assert.match(ts5.version, /^5\./);
  const nodenext = emittedWith(ts5, { module: ts5.ModuleKind.NodeNext, moduleResolution: ts5.ModuleResolutionKind.NodeNext });
  assert.match(nodenext, /await spanweave_1\.awaiting\(/);
  assert.doesNotMatch(nodenext, /spanweave_1\.suspend\(/);
  const commonjs = emittedWith(ts5, { module: ts5.ModuleKind.CommonJS, lib: ['lib.es2015.d.ts', 'lib.dom.d.ts'] });
  assert.match(commonjs, /__awaiter/, 'TypeScript 5 downlevels to ES5 there');
  assert.match(commonjs, /spanweave_1\.suspend\(/);
});

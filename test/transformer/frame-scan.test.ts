/**
 * The visitor goes only into what its read-only pass marked (transformer/subtrees.ts),
 * and the pass judges each `await`, `yield`, `try` and `return` with the frame
 * the visitor will be in: the innermost function's, when the plan selects it.
 * Rules that select some functions and leave out others nested in them
 * show that judgement: a selected function inside one left out is rewritten,
 * one left out inside a selected one is not, and what a function's signature
 * holds (a class's computed method name that awaits) belongs to the enclosing
 * frame. The emitted code is checked, then run.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { compile, runtimePath, tempProject } from './harness';

const SOURCE = `
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export function untracedOuter(): Promise<string> {
  const tracedInner = async (): Promise<string> => {
    await tick();
    return 'inner';
  };
  return tracedInner();
}

export async function tracedAsync(): Promise<string> {
  const untracedHelper = async (): Promise<number> => {
    try {
      await tick();
    } finally {
      void 0;
    }
    return 1;
  };
  class Named {
    [await Promise.resolve('computed')](): string {
      return 'method';
    }
  }
  await untracedHelper();
  return Object.getOwnPropertyNames(Named.prototype)[1]!;
}

export function tracedPlain(flag: boolean): Promise<number> | number {
  const untracedPick = (x: number): number => {
    if (x > 0) return x;
    return -x;
  };
  if (flag) return Promise.resolve(untracedPick(-2));
  return untracedPick(3);
}
`;

after(() => init({ enabled: false }));

const dir = tempProject({ 'main.ts': SOURCE });
const { outputs, diagnostics } = compile(
  [path.join(dir, 'main.ts')],
  { strict: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, outDir: path.join(dir, 'out') },
  { functions: [{ match: 'traced*' }], runtime: runtimePath },
  true,
);
const text = outputs.get(path.join(dir, 'out', 'main.js'))!;

/** The emitted text from the declaration of `name` (a `const` or a `function`) to the end of the file. */
function emitted(name: string): string {
  const start = text.search(new RegExp(`(?:const|function) ${name}\\b`));
  assert.ok(start >= 0, `${name} is in the output`);
  return text.slice(start);
}

test('the rules build without diagnostics', () => {
  assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
});

test('a selected async function inside one left out has its awaits rewritten', () => {
  const inner = emitted('tracedInner');
  assert.match(inner.slice(0, inner.indexOf("'inner'")), /spanweave_1\.awaited\(spanweave_call, await spanweave_1\.awaiting\(spanweave_call, tick\(\)\)\)/);
  const outer = emitted('untracedOuter');
  assert.doesNotMatch(outer.slice(0, outer.indexOf('const tracedInner')), /spanweave_call/);
});

test('an async function left out inside a selected one keeps its awaits and handlers as written', () => {
  const helper = emitted('untracedHelper');
  const body = helper.slice(0, helper.indexOf('return 1;'));
  assert.match(body, /try \{\s*await tick\(\);\s*\}\s*finally \{\s*void 0;\s*\}/);
  assert.doesNotMatch(body, /spanweave/);
});

test("a computed method name's await belongs to the enclosing selected function", () => {
  assert.match(emitted('tracedAsync'), /\[spanweave_1\.awaited\(spanweave_call, await spanweave_1\.awaiting\(spanweave_call, Promise\.resolve\('computed'\)\)\)\]\(\)/);
});

test("a promise-aware function's returns go through the runtime, and not those of a function left out inside it", () => {
  const plain = emitted('tracedPlain');
  assert.match(plain, /return spanweave_1\.returned\(spanweave_call, Promise\.resolve\(untracedPick\(-2\)\)\);/);
  assert.match(plain, /return spanweave_1\.returned\(spanweave_call, untracedPick\(3\)\);/);
  assert.match(plain, /if \(x > 0\)\s*return x;\s*return -x;/);
});

test('the program runs traced: each selected function has its span, and the others none', async () => {
  const memory = new MemoryReporter();
  init({ reporters: [memory], sampler: 'always_on' });
  const main = require(path.join(dir, 'out', 'main.js'));
  assert.equal(await main.untracedOuter(), 'inner');
  assert.equal(await main.tracedAsync(), 'computed');
  assert.equal(await main.tracedPlain(true), 2);
  assert.equal(main.tracedPlain(false), 3);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(memory.spans().map((s) => s.operationName).sort(), ['tracedAsync', 'tracedInner', 'tracedPlain', 'tracedPlain']);
});

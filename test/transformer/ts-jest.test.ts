/**
 * The ts-jest face of the transformer (`factory`, `name`, `version` of
 * transformer/index.ts): ts-jest's own transformer, configured as a user
 * would (`astTransformers.before` naming spanweave/transformer), compiles a
 * fixture file, and the code it returns runs traced.
 *
 * ts-jest's `TsJestTransformer.process` is called directly, with the project
 * configuration jest itself reads (jest-config's `readConfig`), instead of a
 * whole jest run: that is the call jest makes for each file, and it keeps the
 * test to a few seconds.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { runtimePath, tempProject, transformerPath } from './harness';

interface Orders {
  price(n: number): number;
  total(ns: number[]): Promise<number>;
}

const project = tempProject({
  // jest reads its (here empty) configuration from package.json.
  'package.json': JSON.stringify({ name: 'ts-jest-fixture', private: true }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, types: [], lib: ['es2022'] }, include: ['src'] }),
  'src/orders.ts': `
export function price(n: number): number { return n * 2; }
export async function total(ns: number[]): Promise<number> {
  let sum = 0;
  for (const n of ns) sum += await Promise.resolve(price(n));
  return sum;
}
`,
});
const file = path.join(project, 'src', 'orders.ts');

/** ts-jest's options as a jest config would give them. */
function tsJestOptions(spanweave: object): object {
  return { tsconfig: path.join(project, 'tsconfig.json'), astTransformers: { before: [{ path: transformerPath, options: spanweave }] } };
}

async function compileWithTsJest(options: object): Promise<string> {
  const { readConfig } = require('jest-config') as { readConfig(argv: object, dir: string): Promise<{ projectConfig: object }> };
  const { TsJestTransformer } = require('ts-jest') as { TsJestTransformer: new (options: object) => { process(text: string, file: string, transform: object): { code: string } } };
  const { projectConfig } = await readConfig({ _: [], $0: 'jest' }, project);
  // As jest would hold a jest.config `transform` entry; ts-jest caches its compiler per project config.
  const config = { ...projectConfig, transform: [['^.+\\.tsx?$', require.resolve('ts-jest'), options]] };
  const transformer = new TsJestTransformer(options);
  const transform = { config, configString: JSON.stringify(config), cacheFS: new Map(), transformerConfig: options, instrument: false };
  return transformer.process(fs.readFileSync(file, 'utf8'), file, transform).code;
}

/** Loads compiled CommonJS text as a module of its own. */
function load(code: string): Orders {
  const loaded = new Module(file) as Module & { _compile(code: string, filename: string): void };
  loaded.filename = file;
  loaded._compile(code, file);
  return loaded.exports as Orders;
}

let code: string;
const memory = new MemoryReporter();
before(async () => {
  code = await compileWithTsJest(tsJestOptions({ functions: 'all', runtime: runtimePath }));
  init({ reporters: [memory] });
});

test('ts-jest loads spanweave from astTransformers and its output is instrumented', () => {
  assert.match(code, /functionSites\("src\/orders.ts", \[2, "price", 3, "total"\]\)/);
});

test('the code ts-jest returns runs traced, with the same results', async () => {
  const orders = load(code);
  memory.clear();
  assert.equal(await orders.total([1, 2]), 6);
  const spans = memory.spans();
  assert.deepEqual(spans.map((s) => s.operationName).sort(), ['price', 'price', 'total']);
  const parent = spans.find((s) => s.operationName === 'total')!;
  for (const child of spans.filter((s) => s.operationName === 'price')) assert.equal(child.parentId, parent.spanId);
});

test('a misspelled option fails the ts-jest compile with the message tspc gives', async () => {
  await assert.rejects(compileWithTsJest(tsJestOptions({ fucntions: 'all', runtime: runtimePath })), /unknown option 'fucntions'\. Did you mean 'functions'\?/);
});

test('with isolatedModules ts-jest compiles file by file, without a program: the error says spanweave needs one', async () => {
  const options = { ...tsJestOptions({ functions: 'all', runtime: runtimePath }), isolatedModules: true };
  await assert.rejects(compileWithTsJest(options), /spanweave: ts-jest gave no program \(isolatedModules\?\); spanweave needs the type checker\./);
});

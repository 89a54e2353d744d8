/**
 * The ts-loader face of the transformer, as docs/transformer.md gives it:
 * the real webpack with the real ts-loader, `getCustomTransformers` handing
 * the program to `createTransformer`. The bundle runs traced. With
 * `transpileOnly`, ts-loader compiles file by file without the program's
 * files, so spanweave warns once and the bundle runs as the plain one.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { createTransformer } from 'spanweave/transformer';
import { runtimePath, tempProject } from './harness';

interface Orders {
  total(ns: number[]): Promise<number>;
}

const project = tempProject({
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2022', module: 'commonjs', strict: true, types: [], lib: ['es2022'] }, include: ['src'] }),
  'src/price.ts': 'export function price(n: number): number {\n  return n * 2;\n}\n',
  'src/orders.ts': `import { price } from './price';
export async function total(ns: number[]): Promise<number> {
  let sum = 0;
  for (const n of ns) sum += await Promise.resolve(price(n));
  return sum;
}
`,
});

/** Bundles src/orders.ts with webpack and ts-loader into out/<name>/orders.js, and returns its exports and spanweave's warnings. */
async function bundle(name: string, transpileOnly: boolean): Promise<{ orders: Orders; warnings: string[] }> {
  const { default: webpack } = await import('webpack');
  const warnings: string[] = [];
  const reportWarning = (d: ts.Diagnostic): void => {
    warnings.push(typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText);
  };
  const outDir = path.join(project, 'out', name);
  const stats = await new Promise<import('webpack').Stats | undefined>((resolve, reject) => {
    webpack(
      {
        mode: 'none',
        target: 'node',
        context: project,
        entry: path.join(project, 'src', 'orders.ts'),
        output: { path: outDir, filename: 'orders.js', library: { type: 'commonjs2' } },
        resolve: { extensions: ['.ts', '.js'] },
        externals: { [runtimePath]: `commonjs ${runtimePath}` },
        module: {
          rules: [
            {
              test: /\.ts$/,
              loader: require.resolve('ts-loader'),
              options: {
                configFile: path.join(project, 'tsconfig.json'),
                transpileOnly,
                getCustomTransformers: (program: ts.Program) => ({
                  before: [createTransformer(program, { functions: 'all', runtime: runtimePath }, { reportWarning })],
                }),
              },
            },
          ],
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  assert.equal(stats?.hasErrors(), false, stats?.toString());
  return { orders: require(path.join(outDir, 'orders.js')) as Orders, warnings };
}

const memory = new MemoryReporter();
before(() => {
  init({ reporters: [memory] });
});

test('webpack with ts-loader and getCustomTransformers: the bundle runs traced, with the same results', async () => {
  const { orders, warnings } = await bundle('program', false);
  assert.deepEqual(warnings, []);
  memory.clear();
  assert.equal(await orders.total([1, 2]), 6);
  assert.deepEqual(memory.spans().map((s) => s.operationName).sort(), ['price', 'price', 'total']);
});

test('ts-loader with transpileOnly: one warning says why nothing is traced, and the bundle runs as the plain one', async () => {
  const { orders, warnings } = await bundle('transpile-only', true);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /orders\.ts is not part of the program spanweave was created with, so it is emitted without spans/);
  memory.clear();
  assert.equal(await orders.total([1, 2]), 6);
  assert.deepEqual(memory.spans(), []);
});

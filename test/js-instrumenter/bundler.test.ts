/**
 * `spanweave/bundler` in real bundlers: fixtures/js-bundler (a TypeScript
 * app with a dependency in node_modules) bundled by esbuild straight from
 * its .ts files, and by Rollup, webpack and Rspack from tsc's ES module
 * output with its maps.
 * Each bundle is run under `--enable-source-maps`: the app's functions make
 * spans named and tagged after the .ts source, the dependency makes none,
 * and a stack trace points at the original .ts line.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import * as bundler from 'spanweave/bundler';
import ts from 'typescript';
import { transpileTo } from './transpile';
import { repoRoot } from '../transformer/harness';

const fixture = path.join(repoRoot, 'fixtures', 'js-bundler');
const project = path.join(fixture, 'tsconfig.json');
const out = (name: string): string => path.join(fixture, 'out', name);

/** The spans the app makes, as [name, code.filepath, code.lineno, error], sorted. */
const EXPECTED_SPANS = [
  ['Orders.find', 'src/orders.ts', 12, true],
  ['Orders.price', 'src/orders.ts', 8, undefined],
  ['Orders.price', 'src/orders.ts', 8, undefined],
  ['Orders.total', 'src/orders.ts', 2, undefined],
  ['run', 'src/main.ts', 6, undefined],
];

interface Ran {
  total: number;
  padded: string;
  stack: string;
  spans: [string, unknown, unknown, unknown][];
}

/** Runs a CommonJS bundle's `run()` under `--enable-source-maps` with a memory reporter. */
function runBundle(file: string): Ran {
  const script = `
    const { init, MemoryReporter } = require('spanweave/runtime');
    const memory = new MemoryReporter();
    init({ reporters: [memory], sampler: 'always_on' });
    require(${JSON.stringify(file)}).run().then((result) => setImmediate(() => {
      const spans = memory.spans().map((s) => [s.operationName, s.tags['code.filepath'], s.tags['code.lineno'], s.tags.error]);
      console.log(JSON.stringify({ ...result, spans }));
    }));`;
  const run = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Ran;
}

/** The fixture's modules compiled as tsc does, with map files. */
function transpile(outDir: string): string {
  for (const name of ['main', 'orders']) transpileTo(fixture, name, outDir, ts.ModuleKind.ES2022);
  return outDir;
}

function assertTraced(ran: Ran): void {
  assert.equal(ran.total, 30);
  assert.equal(ran.padded, '[x]');
  assert.deepEqual(ran.spans.map((s) => JSON.parse(JSON.stringify(s)) as unknown).sort(), EXPECTED_SPANS.map((s) => JSON.parse(JSON.stringify(s)) as unknown));
  assert.match(ran.stack, /at Orders\.find \(.*src[\\/]orders\.ts:13:\d+\)/);
}

describe('spanweave/bundler', () => {
  before(() => {
    // The dependency lives in node_modules (git-ignored), so the test writes it.
    const dep = path.join(fixture, 'node_modules', 'pad-dep');
    fs.mkdirSync(dep, { recursive: true });
    fs.writeFileSync(path.join(dep, 'package.json'), '{ "name": "pad-dep", "main": "index.js" }\n');
    fs.writeFileSync(path.join(dep, 'index.js'), 'exports.pad = function pad(text) { return `[${text}]`; };\n');
  });

  test('exports the unplugin instance, its factory and a plugin per bundler', () => {
    assert.deepEqual(Object.keys(bundler).filter((k) => k !== '__esModule').sort(), ['esbuild', 'rollup', 'rspack', 'spanweave', 'spanweaveFactory', 'vite', 'webpack']);
    assert.equal(bundler.esbuild({ project }).name, 'spanweave');
  });

  test('esbuild: the .ts app bundled with the plugin makes its spans; stack traces lead to the .ts lines', async () => {
    const outfile = path.join(out('esbuild'), 'main.js');
    await esbuild.build({
      entryPoints: [path.join(fixture, 'src', 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      sourcemap: true,
      external: ['spanweave/runtime'],
      logLevel: 'silent',
      plugins: [bundler.esbuild({ project })],
    });
    const bundle = fs.readFileSync(outfile, 'utf8');
    assert.match(bundle, /enterFunction/);
    assert.doesNotMatch(bundle, /name: "pad"/, 'the dependency is bundled as it is');
    assertTraced(runBundle(outfile));
  });

  test("rollup: tsc's ES modules bundled with the plugin make the same spans, through tsc's maps", async () => {
    const tscOut = transpile(out('tsc'));
    const file = path.join(out('rollup'), 'main.js');
    const build = await rollup({ input: path.join(tscOut, 'main.js'), external: ['spanweave/runtime', 'pad-dep'], plugins: [bundler.rollup({ project })] });
    await build.write({ file, format: 'cjs', sourcemap: true });
    await build.close();
    assertTraced(runBundle(file));
  });

  test('vite: a server-side build of the .ts app makes the same spans; its map leads to the .ts lines', async () => {
    const vite = await import('vite');
    await vite.build({
      root: fixture,
      configFile: false,
      logLevel: 'silent',
      plugins: [bundler.vite({ project })],
      build: {
        ssr: path.join(fixture, 'src', 'main.ts'),
        outDir: out('vite'),
        emptyOutDir: true,
        sourcemap: true,
        minify: false,
        rollupOptions: { external: ['spanweave/runtime'], output: { format: 'cjs', entryFileNames: 'main.js' } },
      },
    });
    assertTraced(runBundle(path.join(out('vite'), 'main.js')));
  });

  test("webpack: tsc's ES modules bundled with the plugin make the same spans, through tsc's maps", async () => {
    const { default: webpack } = await import('webpack');
    await bundleWebpackStyle('webpack', (config, done) => webpack(config as import('webpack').Configuration, done), bundler.webpack({ project }));
  });

  test("rspack: tsc's ES modules bundled with the plugin make the same spans, through tsc's maps", async () => {
    const { rspack } = await import('@rspack/core');
    await bundleWebpackStyle('rspack', (config, done) => rspack(config as import('@rspack/core').Configuration, done), bundler.rspack({ project }));
  });
});

interface WebpackStyleStats {
  hasErrors(): boolean;
  toString(): string;
}

/**
 * tsc's ES modules bundled by webpack or Rspack (the same configuration and
 * callback API) with the plugin, into out/<name>/main.js, then run.
 */
async function bundleWebpackStyle(
  name: string,
  bundle: (config: object, done: (error: Error | null, stats?: WebpackStyleStats) => void) => unknown,
  plugin: unknown,
): Promise<void> {
  const tscOut = transpile(out('tsc'));
  const config = {
    mode: 'none',
    target: 'node',
    context: fixture,
    entry: path.join(tscOut, 'main.js'),
    output: { path: out(name), filename: 'main.js', library: { type: 'commonjs2' } },
    devtool: 'source-map',
    externals: { 'spanweave/runtime': 'commonjs spanweave/runtime' },
    plugins: [plugin],
  };
  const stats = await new Promise<WebpackStyleStats | undefined>((resolve, reject) => bundle(config, (error, result) => (error ? reject(error) : resolve(result))));
  assert.equal(stats?.hasErrors(), false, stats?.toString());
  assertTraced(runBundle(path.join(out(name), 'main.js')));
}

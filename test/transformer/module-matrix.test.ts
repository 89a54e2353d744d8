/**
 * fixtures/functions-modules compiled across module kinds and targets: the
 * runtime import matches each file's emitted module syntax, and the program
 * runs with the expected spans (in-process, one compile per variant).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { buildFixture, type FixtureBuild, markAsModules } from './fixture-build';
import { repoRoot } from './harness';

interface Variant {
  name: string;
  options: ts.CompilerOptions;
  /** .ts files are emitted as ES modules. */
  esm: boolean;
  /** Adds the .mts / .cts files (node16 / nodenext). */
  node16?: boolean;
}

const { ModuleKind: M, ScriptTarget: T, ModuleResolutionKind: R } = ts;
const variants: Variant[] = [
  { name: 'commonjs-es2017', options: { module: M.CommonJS, target: T.ES2017 }, esm: false },
  { name: 'commonjs-es2020-importHelpers', options: { module: M.CommonJS, target: T.ES2020, importHelpers: true }, esm: false },
  { name: 'es2022', options: { module: M.ES2022, target: T.ES2022, moduleResolution: R.Bundler }, esm: true },
  { name: 'esnext-verbatim', options: { module: M.ESNext, target: T.ESNext, moduleResolution: R.Bundler, verbatimModuleSyntax: true }, esm: true },
  { name: 'node16', options: { module: M.Node16, moduleResolution: R.Node16, target: T.ES2022 }, esm: true, node16: true },
  { name: 'nodenext-verbatim', options: { module: M.NodeNext, moduleResolution: R.NodeNext, target: T.ESNext, verbatimModuleSyntax: true }, esm: true, node16: true },
];

const memory = new MemoryReporter();
before(() => init({ reporters: [memory], sampler: 'always_on' }));

for (const variant of variants) {
  describe(`module matrix: ${variant.name}`, () => {
    let build: FixtureBuild;
    before(() => {
      const src = path.join(repoRoot, 'fixtures', 'functions-modules', 'src');
      const extra = variant.node16 ? { rootDir: src } : {};
      build = buildFixture('functions-modules', variant.name, { functions: 'all' }, { ...variant.options, ...extra }, variant.node16 ? ['node16/esm.mts', 'node16/cjs.cts'] : []);
      if (variant.esm) markAsModules(build.outDir);
    });

    test('imports the runtime in the syntax each file is emitted in', () => {
      for (const [file, text] of build.outputs) {
        if (!/\.[cm]?js$/.test(file)) continue;
        if (!text.includes('functionSites(')) {
          assert.doesNotMatch(text, /spanweave\/runtime/, `${file}: nothing instrumented, no import`);
          continue;
        }
        const esm = file.endsWith('.mjs') || (variant.esm && file.endsWith('.js'));
        if (esm) assert.match(text, /^import \* as spanweave_\d+ from "spanweave\/runtime";$/m, file);
        else assert.match(text, /^var spanweave_\d+ = require\("spanweave\/runtime"\);$/m, file);
      }
      if (variant.options.importHelpers) assert.match(build.outputs.get(path.join(build.outDir, 'lib.js'))!, /require\("tslib"\)/);
    });

    test('runs with the same results and nested spans', async () => {
      memory.clear();
      const main = await load(path.join(build.outDir, 'main.js'));
      assert.deepEqual(await main.main(), [4, 1, 3, 'x']);
      const spans = memory.spans();
      const byName = (name: string) => spans.filter((s) => s.operationName === name);
      const [root] = byName('main');
      const [work] = byName('work');
      assert.equal(root.parentId, undefined);
      assert.equal(work.parentId, root.spanId);
      assert.deepEqual(byName('helper').map((s) => s.parentId), [work.spanId, work.spanId]);
      assert.deepEqual(byName('Counter.bump').map((s) => s.parentId), [root.spanId, root.spanId]);
    });

    if (variant.node16) {
      test('.mts and .cts files are instrumented as ESM and CommonJS', async () => {
        memory.clear();
        const esm = await import(pathToFileURL(path.join(build.outDir, 'node16', 'esm.mjs')).href);
        const cjs = require(path.join(build.outDir, 'node16', 'cjs.cjs'));
        assert.equal(esm.fromMts(1), 2);
        assert.equal(cjs.fromCts(1), 0);
        assert.deepEqual(memory.spans().map((s) => s.operationName), ['fromMts', 'fromCts']);
      });
    }
  });
}

async function load(file: string): Promise<{ main(): Promise<unknown> }> {
  return import(pathToFileURL(file).href);
}

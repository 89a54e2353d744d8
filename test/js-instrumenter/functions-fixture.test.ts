/**
 * The JavaScript instrumenter on the transformer's fixture programs: each is
 * built with plain tsc, its output is instrumented by `instrumentFiles` (what
 * `spanweave instrument` runs), and it must return what the plain build
 * returns and make the same spans as the transformer's build, tracing on and
 * off. fixtures/functions covers every function kind (CommonJS output);
 * fixtures/functions-nesting wrapped functions inside wrapped functions;
 * fixtures/functions-modules covers ES module output and .mjs/.cjs files.
 * (fixtures/functions-golden holds emitted-code baselines, nothing to run.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { instrumentFiles } from '../../transformer/js/files';
import { buildFixture, type FixtureBuild, markAsModules } from '../transformer/fixture-build';
import { repoRoot } from '../transformer/harness';
import { run, type Scenarios } from './fixture-runs';
import { runsAwaitUsing } from '../support/engine';

const memory = new MemoryReporter();
after(() => init({ enabled: false }));

interface Builds {
  plain: string;
  transformed: string;
  instrumented: string;
}

/** Plain and transformer builds of `fixture`, and the plain one instrumented into js-instrumented-<variant>. */
function builds(fixture: string, variant: string, overrides: ts.CompilerOptions = {}, extraRoots: string[] = [], esm = false): Builds {
  const both = (name: string, plugin?: object): FixtureBuild => buildFixture(fixture, `${name}-${variant}`, plugin, overrides, extraRoots);
  const plain = both('js-plain');
  const transformed = both('js-transformer', { functions: 'all' });
  const instrumented = path.join(repoRoot, 'fixtures', fixture, 'out', `js-instrumented-${variant}`);
  fs.mkdirSync(instrumented, { recursive: true });
  if (esm) [plain.outDir, transformed.outDir, instrumented].forEach(markAsModules);
  const result = instrumentFiles({ inputs: [plain.outDir], outDir: instrumented, projectDir: path.join(repoRoot, 'fixtures', fixture), functions: 'all' });
  assert.deepEqual(result.failed, []);
  return { plain: plain.outDir, transformed: transformed.outDir, instrumented };
}

/** The three builds' scenarios of `entry`. */
function scenariosOf(dirs: Builds, entry: string): Record<keyof Builds, Scenarios> {
  const load = (dir: string): Scenarios => require(path.join(dir, entry)).scenarios;
  return { plain: load(dirs.plain), transformed: load(dirs.transformed), instrumented: load(dirs.instrumented) };
}

/** Tracing on: each scenario of the instrumented build returns what the plain build returns and makes the transformer build's spans. */
async function assertLikeTheTransformer(scenarios: Record<keyof Builds, Scenarios>): Promise<void> {
  init({ reporters: [memory], sampler: 'always_on' });
  for (const name of Object.keys(scenarios.plain)) {
    const expected = await run(memory, scenarios.plain, name);
    const reference = await run(memory, scenarios.transformed, name);
    const actual = await run(memory, scenarios.instrumented, name);
    assert.deepEqual(actual.result, expected.result, `${name}: result`);
    assert.deepEqual(actual.spans, reference.spans, `${name}: spans`);
  }
}

describe('fixtures/functions through tsc and the JavaScript instrumenter', () => {
  let scenarios: Record<keyof Builds, Scenarios>;
  before(() => {
    scenarios = scenariosOf(builds('functions', 'cjs'), 'kinds.js');
  });

  test('every scenario returns what the plain build returns, and makes the spans the transformer build makes', () => assertLikeTheTransformer(scenarios));

  test('with tracing off, the same results and no span', async () => {
    init({ enabled: false });
    for (const name of Object.keys(scenarios.plain)) {
      const expected = await run(memory, scenarios.plain, name);
      const actual = await run(memory, scenarios.instrumented, name);
      assert.deepEqual(actual.result, expected.result, name);
      assert.deepEqual(actual.spans, [], name);
    }
  });
});

describe('fixtures/functions-modules as ES modules, .mjs and .cjs through tsc and the JavaScript instrumenter', () => {
  const { ModuleKind: M, ModuleResolutionKind: R, ScriptTarget: T } = ts;
  let dirs: Builds;
  before(() => {
    const src = path.join(repoRoot, 'fixtures', 'functions-modules', 'src');
    const options = { module: M.NodeNext, moduleResolution: R.NodeNext, target: T.ES2022, rootDir: src, sourceMap: true };
    dirs = builds('functions-modules', 'nodenext', options, ['node16/esm.mts', 'node16/cjs.cts'], true);
  });

  test('main() and the .mjs/.cjs modules make the transformer build spans', async () => {
    init({ reporters: [memory], sampler: 'always_on' });
    for (const [file, call] of [
      ['main.js', (m: Record<string, (x?: number) => unknown>) => m.main!()],
      ['node16/esm.mjs', (m: Record<string, (x?: number) => unknown>) => m.fromMts!(1)],
      ['node16/cjs.cjs', (m: Record<string, (x?: number) => unknown>) => m.fromCts!(1)],
    ] as const) {
      const runIn = async (dir: string) => run(memory, { it: async () => call(await import(pathToFileURL(path.join(dir, file)).href)) }, 'it');
      const expected = await runIn(dirs.plain);
      const reference = await runIn(dirs.transformed);
      const actual = await runIn(dirs.instrumented);
      assert.deepEqual(actual.result, expected.result, file);
      assert.ok(reference.spans.length > 0, file);
      assert.deepEqual(actual.spans, reference.spans, file);
    }
  });
});

describe('fixtures/functions-nesting through tsc and the JavaScript instrumenter: every wrapped function of a file has the same local names', () => {
  test('each nested function sees its own frame: the results and spans of the transformer build', async () => {
    const dirs = builds('functions-nesting', 'cjs');
    const instrumented = fs.readFileSync(path.join(dirs.instrumented, 'nesting.js'), 'utf8');
    assert.equal(new Set(instrumented.match(/const spanweave_call\w* =/g)).size, 1, 'one frame name for the whole file');
    await assertLikeTheTransformer(scenariosOf(dirs, 'nesting.js'));
  });
});

describe('fixtures/functions-suspensions, yield* in generators and async generators (es2022), through tsc and the JavaScript instrumenter', () => {
  let dirs: Builds;
  before(() => {
    dirs = builds('functions-suspensions', 'es2022', { target: ts.ScriptTarget.ES2022 });
  });

  test('delegation.js: every scenario logs what the plain build logs, and makes the spans the transformer build makes', () => assertLikeTheTransformer(scenariosOf(dirs, 'delegation.js')));
});

describe('fixtures/functions-suspensions, native await using and for await (esnext), through tsc and the JavaScript instrumenter', { skip: !runsAwaitUsing() && 'this Node has no await using' }, () => {
  let dirs: Builds;
  before(() => {
    dirs = builds('functions-suspensions', 'esnext', { target: ts.ScriptTarget.ESNext });
  });

  for (const entry of ['disposal.js', 'for-await.js']) {
    test(`${entry}: every scenario logs what the plain build logs, and makes the spans the transformer build makes`, () => assertLikeTheTransformer(scenariosOf(dirs, entry)));
  }
});

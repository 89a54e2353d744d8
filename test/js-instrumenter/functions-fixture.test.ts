/**
 * The JavaScript instrumenter on the transformer's fixture programs: each
 * fixtures/functions* project is built with plain tsc, its output is
 * instrumented by `instrumentFiles` (what `spanweave instrument` runs), and
 * every scenario must return what the plain build returns and make the same
 * spans as the transformer's build, tracing on and off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { init, MemoryReporter } from 'spanweave/runtime';
import { instrumentFiles } from '../../transformer/js/files';
import { buildFixture } from '../transformer/fixture-build';
import { repoRoot } from '../transformer/harness';
import { run, type Scenarios } from './fixture-runs';

const memory = new MemoryReporter();
after(() => init({ enabled: false }));

const fixtures = fs.readdirSync(path.join(repoRoot, 'fixtures')).filter((f) => /^functions/.test(f));

for (const fixture of fixtures) {
  describe(`fixtures/${fixture} through tsc and the JavaScript instrumenter`, () => {
    const entries = new Map<string, { plain: Scenarios; transformed: Scenarios; instrumented: Scenarios }>();

    before(() => {
      const plain = buildFixture(fixture, 'js-plain');
      const transformed = buildFixture(fixture, 'js-transformer', { functions: 'all' });
      const instrumentedDir = path.join(repoRoot, 'fixtures', fixture, 'out', 'js-instrumented');
      const result = instrumentFiles({ inputs: [plain.outDir], outDir: instrumentedDir, projectDir: path.join(repoRoot, 'fixtures', fixture), functions: 'all' });
      assert.deepEqual(result.failed, []);
      for (const file of [...plain.outputs.keys()].filter((f) => f.endsWith('.js'))) {
        const relative = path.relative(plain.outDir, file);
        const scenarios = (dir: string): Scenarios => require(path.join(dir, relative)).scenarios;
        if (scenarios(plain.outDir) !== undefined) {
          entries.set(relative, { plain: scenarios(plain.outDir), transformed: scenarios(transformed.outDir), instrumented: scenarios(instrumentedDir) });
        }
      }
      assert.ok(entries.size > 0, 'the fixture exports scenarios');
    });

    test('every scenario returns what the plain build returns, and makes the spans the transformer build makes', async () => {
      init({ reporters: [memory], sampler: 'always_on' });
      for (const [file, { plain, transformed, instrumented }] of entries) {
        for (const name of Object.keys(plain)) {
          const expected = await run(memory, plain, name);
          const reference = await run(memory, transformed, name);
          const actual = await run(memory, instrumented, name);
          assert.deepEqual(actual.result, expected.result, `${file} ${name}: result`);
          assert.deepEqual(actual.spans, reference.spans, `${file} ${name}: spans`);
        }
      }
    });

    test('with tracing off, the same results and no span', async () => {
      init({ enabled: false });
      for (const [file, { plain, instrumented }] of entries) {
        for (const name of Object.keys(plain)) {
          const expected = await run(memory, plain, name);
          const actual = await run(memory, instrumented, name);
          assert.deepEqual(actual.result, expected.result, `${file} ${name}`);
          assert.deepEqual(actual.spans, [], `${file} ${name}`);
        }
      }
    });
  });
}

/**
 * TypeScript 5.x with ts-patch 3 keeps working: the devDependencies
 * `typescript5` (typescript@5.9) and `ts-patch3` (ts-patch@3.3) are the real
 * packages under other names.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import { init, MemoryReporter } from 'spanweave/runtime';
import { createTransformer } from 'spanweave/transformer';
import { repoRoot, runtimePath, tempProject, transformerPath } from './harness';

const ts5: typeof ts = require('typescript5');

/** Compiles fixtures/functions with TypeScript 5 into out/<variant>, with spanweave when `traced`. */
function buildWithTs5(variant: string, traced: boolean): string {
  const configPath = path.join(repoRoot, 'fixtures', 'functions', 'tsconfig.json');
  const parsed = ts5.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts5.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(parsed);
  const outDir = path.join(repoRoot, 'fixtures', 'functions', 'out', variant);
  const program = ts5.createProgram(parsed.fileNames, { ...parsed.options, outDir });
  const problems: ts.Diagnostic[] = [];
  const before = traced ? [createTransformer(program, { functions: 'all' }, { ts: ts5, addDiagnostic: (d) => problems.push(d), reportWarning: (d) => problems.push(d) })] : [];
  const result = program.emit(undefined, undefined, undefined, false, { before });
  problems.push(...ts5.getPreEmitDiagnostics(program), ...result.diagnostics);
  assert.deepEqual(problems.map((d) => ts5.flattenDiagnosticMessageText(d.messageText, '\n')), []);
  return outDir;
}

describe('TypeScript 5 through the compiler API', () => {
  const memory = new MemoryReporter();
  let plain: Record<string, () => unknown>;
  let traced: Record<string, () => unknown>;
  before(() => {
    assert.match(ts5.version, /^5\./);
    plain = require(path.join(buildWithTs5('ts5-plain', false), 'kinds.js')).scenarios;
    traced = require(path.join(buildWithTs5('ts5-traced', true), 'kinds.js')).scenarios;
    init({ reporters: [memory], sampler: 'always_on' });
  });

  test('every function kind behaves as the plain TypeScript 5 build, and records spans', async () => {
    for (const name of Object.keys(plain)) {
      const expected = await plain[name]!();
      assert.deepEqual(await traced[name]!(), expected, name);
    }
    assert.ok(memory.spans().length > 0);
    init({ enabled: false });
  });
});

test('tspc of ts-patch 3 on TypeScript 5 loads the transformer and the program runs traced', () => {
  const dir = tempProject({
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'commonjs',
        strict: true,
        rootDir: 'src',
        outDir: 'out',
        types: [],
        plugins: [{ transform: transformerPath, runtime: runtimePath, functions: 'all' }],
      },
      include: ['src'],
    }),
    'src/main.ts': [
      'export class Greeter {',
      '  greet(name: string): string { return `hello ${name}`; }',
      '}',
      'export async function main(): Promise<void> {',
      '  await Promise.resolve();',
      '  console.log(new Greeter().greet("ts5"));',
      '}',
      'main();',
      '',
    ].join('\n'),
  });
  const tspc = require.resolve('ts-patch3/bin/tspc.js');
  const env = { ...process.env, TSP_COMPILER_TS_PATH: path.dirname(require.resolve('typescript5/package.json')) };
  const build = spawnSync(process.execPath, [tspc, '-p', dir], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'out', 'main.js'), 'utf8'), /spanweave_enterFunction_\d+\(spanweave_sites_\d+\[0\]\)/);

  const spansFile = path.join(dir, 'spans.jsonl');
  const run = spawnSync(process.execPath, [path.join(dir, 'out', 'main.js')], {
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'jsonl', SPANWEAVE_JSONL_FILE: spansFile, OTEL_SDK_DISABLED: '' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'hello ts5\n');
  const names = fs.readFileSync(spansFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line).operationName);
  assert.deepEqual(names.sort(), ['Greeter.greet', 'main']);
});

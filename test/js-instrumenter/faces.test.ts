/**
 * The faces of the JavaScript instrumenter and their promises: the
 * `spanweave instrument` command (post-build, idempotent), stack traces
 * under `--enable-source-maps` that point at the original .ts line (after
 * tsc and after esbuild), the
 * `spanweave/register` loader, and a real TypeScript 7 build.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { instrumentJs } from 'spanweave/instrument';
import ts from 'typescript';
import { buildFixture, type FixtureBuild, markAsModules } from '../transformer/fixture-build';
import { repoRoot } from '../transformer/harness';

const cli = path.join(repoRoot, 'dist', 'bin', 'spanweave.js');
const fixture = (name: string): string => path.join(repoRoot, 'fixtures', name);

function node(args: string[], env: NodeJS.ProcessEnv = {}, cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with its content. */
function snapshot(dir: string): Map<string, string> {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('spanweave instrument', () => {
  let plain: FixtureBuild;
  let out: string;
  before(() => {
    plain = buildFixture('js-stack', 'plain');
    out = path.join(fixture('js-stack'), 'out', 'cli');
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('instruments a build into --out with the tsconfig entry options, and a second run changes nothing', () => {
    const first = node([cli, 'instrument', plain.outDir, '--out', out, '--project', path.join(fixture('js-stack'), 'tsconfig.json')]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /instrumented 1 file\(s\), 0 unchanged, 0 failed/);
    const once = snapshot(out);
    assert.match(once.get('fail.js')!, /spanweave_1\.enterFunction/);
    const again = node([cli, 'instrument', out, '--project', path.join(fixture('js-stack'), 'tsconfig.json')]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /instrumented 0 file\(s\), 1 unchanged/);
    assert.deepEqual(snapshot(out), once);
  });

  test("the transformer's output is already instrumented: left as it is", () => {
    const traced = buildFixture('js-stack', 'transformer', { functions: 'all' });
    const code = traced.outputs.get(path.join(traced.outDir, 'fail.js'))!;
    const result = instrumentJs(code, { filename: path.join(traced.outDir, 'fail.js'), functions: 'all' });
    assert.equal(result.changed, false);
    assert.equal(result.unchangedBecause, 'already instrumented');
    assert.equal(result.code, code);
  });

  test('a stack trace under --enable-source-maps points at the original .ts line', () => {
    const script = `try { new (require(${JSON.stringify(path.join(out, 'fail.js'))}).Orders)().find(7); } catch (e) { console.log(e.stack); }`;
    const run = node(['--enable-source-maps', '-e', script]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /at Orders\.find \(.*src[\\/]fail\.ts:3:\d+\)/);
  });

  test('after esbuild --sourcemap: the stack trace and the span lead to the original .ts line', () => {
    const built = path.join(fixture('js-stack'), 'out', 'esbuild');
    fs.rmSync(built, { recursive: true, force: true });
    esbuild.buildSync({ entryPoints: [path.join(fixture('js-stack'), 'src', 'fail.ts')], outdir: built, sourcemap: true, format: 'cjs', platform: 'node', logLevel: 'silent' });
    const run = node([cli, 'instrument', built, '--project', path.join(fixture('js-stack'), 'tsconfig.json')]);
    assert.equal(run.status, 0, run.stderr);
    const script = `
      const { init, MemoryReporter } = require('spanweave/runtime');
      const memory = new MemoryReporter();
      init({ reporters: [memory], sampler: 'always_on' });
      try { new (require(${JSON.stringify(path.join(built, 'fail.js'))}).Orders)().find(7); } catch (e) { console.log(JSON.stringify({ stack: e.stack, spans: memory.spans().map((s) => [s.operationName, s.tags['code.filepath'], s.tags['code.lineno']]) })); }`;
    const traced = node(['--enable-source-maps', '-e', script]);
    assert.equal(traced.status, 0, traced.stderr);
    const { stack, spans } = JSON.parse(traced.stdout) as { stack: string; spans: unknown[] };
    assert.match(stack, /at Orders\.find \(.*src[\\/]fail\.ts:3:\d+\)/);
    assert.deepEqual(spans, [['Orders.find', 'src/fail.ts', 2]]);
  });

  test('usage errors exit with 2 and say what is wrong', () => {
    const missing = node([cli, 'instrument']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no folder or file to instrument/);
    const flag = node([cli, 'instrument', plain.outDir, '--outt', out]);
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /unknown flag '--outt'/);
  });
});

describe('node --import spanweave/register', () => {
  const child = path.join(repoRoot, 'dist', 'test', 'support', 'js-loader-child.js');
  let stackModule: string;
  before(() => {
    stackModule = path.join(buildFixture('js-stack', 'loader-plain').outDir, 'fail.js');
  });

  /** Runs the child under the loader with `project`'s options; returns what it printed. */
  function underLoader(project: string, pairs: string[]): { compared: number; stack: string } {
    const run = node(['--import', 'spanweave/register', '--enable-source-maps', child, stackModule, ...pairs], { SPANWEAVE_PROJECT: path.join(fixture(project), 'tsconfig.json') });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { compared: number; stack: string };
  }

  test('CommonJS: the plain build instrumented as it loads gives the results and spans of the transformer build; stack traces are mapped', () => {
    const plain = buildFixture('functions', 'loader-plain');
    const transformed = buildFixture('functions', 'loader-transformer', { functions: 'all' });
    const { compared, stack } = underLoader('functions', [`require::${path.join(plain.outDir, 'kinds.js')}::${path.join(transformed.outDir, 'kinds.js')}::scenarios`]);
    assert.ok(compared > 10, `${compared} scenarios compared`);
    // fixtures/js-stack is outside the project the loader was given: not instrumented, still mapped by Node.
    assert.match(stack, /fail\.ts:3:\d+/);
  });

  test('ES modules, .mjs and .cjs: the same', () => {
    const { ModuleKind: M, ModuleResolutionKind: R, ScriptTarget: T } = ts;
    const src = path.join(fixture('functions-modules'), 'src');
    const options = { module: M.NodeNext, moduleResolution: R.NodeNext, target: T.ES2022, rootDir: src, sourceMap: true };
    const roots = ['node16/esm.mts', 'node16/cjs.cts'];
    const plain = buildFixture('functions-modules', 'loader-plain', undefined, options, roots);
    const transformed = buildFixture('functions-modules', 'loader-transformer', { functions: 'all' }, options, roots);
    [plain.outDir, transformed.outDir].forEach(markAsModules);
    const pair = (how: string, file: string, name: string): string => [how, path.join(plain.outDir, file), path.join(transformed.outDir, file), name].join('::');
    const { compared } = underLoader('functions-modules', [pair('import', 'main.js', 'main'), pair('import', 'node16/esm.mjs', 'fromMts'), pair('require', 'node16/cjs.cjs', 'fromCts')]);
    assert.equal(compared, 3);
  });
});

describe('a TypeScript 7 build', () => {
  test('tsgo builds the fixture, spanweave instrument instruments it, and it makes the spans', (t) => {
    const prefix = path.join(os.tmpdir(), 'spanweave-typescript7');
    const tsc = path.join(prefix, 'node_modules', '.bin', 'tsc');
    if (!fs.existsSync(tsc)) {
      const install = spawnSync('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, 'typescript@7'], { encoding: 'utf8', timeout: 180_000 });
      if (install.status !== 0 || !fs.existsSync(tsc)) {
        t.skip(`typescript@7 could not be installed (is the npm registry reachable?): ${(install.stderr ?? '').trim().split('\n').pop()}`);
        return;
      }
    }
    const out = path.join(fixture('js-stack'), 'out', 'typescript7');
    fs.rmSync(out, { recursive: true, force: true });
    const build = spawnSync(tsc, ['-p', fixture('js-stack'), '--outDir', out], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    assert.match(spawnSync(tsc, ['--version'], { encoding: 'utf8' }).stdout, /Version 7\./);
    const instrument = node([cli, 'instrument', out, '--project', path.join(fixture('js-stack'), 'tsconfig.json')]);
    assert.equal(instrument.status, 0, instrument.stderr);
    const script = `
      const { init, MemoryReporter } = require('spanweave/runtime');
      const memory = new MemoryReporter();
      init({ reporters: [memory], sampler: 'always_on' });
      try { new (require(${JSON.stringify(path.join(out, 'fail.js'))}).Orders)().find(7); } catch (e) { console.log(JSON.stringify({ stack: e.stack, spans: memory.spans().map((s) => [s.operationName, s.tags]) })); }`;
    const run = node(['--enable-source-maps', '-e', script]);
    assert.equal(run.status, 0, run.stderr);
    const { stack, spans } = JSON.parse(run.stdout) as { stack: string; spans: [string, Record<string, unknown>][] };
    assert.match(stack, /src[\\/]fail\.ts:3:\d+/);
    assert.deepEqual(spans.map(([name, tags]) => [name, tags['code.filepath'], tags['code.lineno'], tags.error]), [['Orders.find', 'src/fail.ts', 2, true]]);
  });
});

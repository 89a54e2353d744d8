/**
 * The `report` option and the unused-rule warnings on the JavaScript path:
 * fixtures/js-report (rules that instrument, exclude, meet a `@notrace` and
 * match nothing) compiled as tsc does, then instrumented by the
 * `spanweave instrument` command and by the `spanweave/register` loader
 * (a CommonJS module and an ES module, which on Node 20 are instrumented
 * in two threads). Both write the transformer's report, with the original
 * .ts places, and warn about the rule that matched nothing.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { BuildReport } from '../../transformer/report';
import { repoRoot } from '../transformer/harness';
import { transpileTo } from './transpile';

const fixture = path.join(repoRoot, 'fixtures', 'js-report');
const project = path.join(fixture, 'tsconfig.json');
const cli = path.join(repoRoot, 'dist', 'bin', 'spanweave.js');
const UNUSED = 'warning: spanweave: rule functions[3] {"match":"Nothing.*"} matched no function.';

const EXPECTED: BuildReport = {
  instrumented: [
    { name: 'count', file: 'src/stock.ts', line: 1, kind: 'function', rule: 'functions[2]' },
    { name: 'Shop.open', file: 'src/shop.ts', line: 2, kind: 'method', rule: 'functions[1]' },
  ],
  skipped: [
    { name: 'Shop.close', file: 'src/shop.ts', line: 11, kind: 'method', rule: 'functions[0]', reason: 'excluded by functions[0]' },
    { name: 'Shop.secret', file: 'src/shop.ts', line: 7, kind: 'method', rule: 'functions[1]', reason: 'marked @notrace' },
  ],
};

function node(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The report file, its entries sorted by name (the order files are met in is not part of the promise). */
function readReport(file: string): BuildReport {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildReport;
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  return { instrumented: report.instrumented.sort(byName), skipped: report.skipped.sort(byName) };
}

describe('the report and unused-rule warnings without the transformer', () => {
  before(() => fs.rmSync(path.join(fixture, 'out'), { recursive: true, force: true }));

  test('spanweave instrument writes the report of the tsconfig entry and warns about the rule that matched nothing', () => {
    const outDir = path.join(fixture, 'out', 'cli');
    for (const name of ['shop', 'stock']) transpileTo(fixture, name, outDir, ts.ModuleKind.CommonJS);
    const run = node([cli, 'instrument', outDir, '--project', project]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /instrumented 2 file\(s\), 0 unchanged, 0 failed/);
    assert.deepEqual(run.stderr.trim().split('\n'), [UNUSED]);
    assert.deepEqual(readReport(path.join(fixture, 'out', 'cli-report.json')), EXPECTED);
  });

  test('the loader writes it when the process exits, for CommonJS and ES modules together', () => {
    const outDir = path.join(fixture, 'out', 'loader');
    const shop = transpileTo(fixture, 'shop', outDir, ts.ModuleKind.CommonJS);
    const stock = transpileTo(fixture, 'stock', outDir, ts.ModuleKind.ES2022, '.mjs');
    const script = `const { Shop } = require(${JSON.stringify(shop)}); import(${JSON.stringify(stock)}).then((m) => console.log(new Shop().open(), m.count()));`;
    const run = node(['--import', 'spanweave/register', '-e', script], { SPANWEAVE_PROJECT: project, SPANWEAVE_OPTIONS: JSON.stringify({ report: 'out/loader-report.json' }) });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'open 3');
    assert.ok(run.stderr.split('\n').includes(UNUSED), run.stderr);
    assert.deepEqual(readReport(path.join(fixture, 'out', 'loader-report.json')), EXPECTED);
  });
});

/**
 * Which functions get a span: presets, rules, marks, include/exclude, and the
 * report. One in-memory project, compiled once per option set, no running.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { BuildReport, SpanweaveOptions } from 'spanweave/transformer';
import { compile, messages, tempProject } from './harness';

const project = tempProject({
  'src/orders.ts': `
export function placeOrder(id: string) { return helper(id); }
function helper(id: string) { return id; }
export const listOrders = async () => [] as string[];
const internalArrow = (n: number) => n;
export class OrderService {
  constructor(private readonly db: string) {}
  find(id: string) { return id + internalArrow(1); }
  private audit() { return this.db; }
  get size() { return 1; }
  static create() { return new OrderService('x'); }
  handler = (x: number) => x;
}
class Hidden { run() { return 1; } }
export const handlers = { get(id: string) { return id; }, post: (body: unknown) => body };
/** @notrace */
export function quiet() { return 0; }
// @trace "custom span"
function marked() { return new Hidden().run(); }
/** @trace */
class Traced { a() { return 1; } /** @notrace */ b() { return 2; } }
export const used = [marked, Traced];
`,
  'src/orders.test.ts': 'export function inTest() { return 1; }\n',
  'src/__tests__/x.ts': 'export function inTestsFolder() { return 1; }\n',
  'src/util/strings.ts': 'export function upper(s: string) { return s.toUpperCase(); }\n',
});

function instrumented(plugin: SpanweaveOptions): { report: BuildReport; diagnostics: string[] } {
  const reportPath = path.join(project, 'report.json');
  fs.rmSync(reportPath, { force: true });
  const files = ['src/orders.ts', 'src/orders.test.ts', 'src/__tests__/x.ts', 'src/util/strings.ts'].map((f) => path.join(project, f));
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, types: [], lib: ['lib.es2022.d.ts'], rootDir: project, outDir: path.join(project, 'out'), configFilePath: path.join(project, 'tsconfig.json') };
  const { diagnostics } = compile(files, options, { report: 'report.json', ...plugin });
  return { report: JSON.parse(fs.readFileSync(reportPath, 'utf8')), diagnostics: messages(diagnostics) };
}

const names = (report: BuildReport) => report.instrumented.map((f) => f.name);

test('"exported" (the default): exported functions, public methods and field arrows of exported classes, exported arrows; marks win', () => {
  const { report } = instrumented({});
  assert.deepEqual(names(report), ['placeOrder', 'listOrders', 'OrderService.find', 'OrderService.create', 'OrderService.handler', 'marked', 'Traced.a', 'upper']);
  assert.deepEqual(report.instrumented.find((f) => f.name === 'marked'), { name: 'marked', file: 'src/orders.ts', line: 19, kind: 'function', rule: '@trace' });
  assert.deepEqual(report.skipped, [{ name: 'quiet', file: 'src/orders.ts', line: 17, kind: 'function', rule: 'functions: "exported"', reason: 'marked @notrace' }]);
});

test('"all": every named function, method and arrow, tests excluded by default', () => {
  const { report } = instrumented({ functions: 'all' });
  assert.deepEqual(names(report), [
    'placeOrder',
    'helper',
    'listOrders',
    'internalArrow',
    'OrderService.constructor',
    'OrderService.find',
    'OrderService.audit',
    'OrderService.size',
    'OrderService.create',
    'OrderService.handler',
    'Hidden.run',
    'handlers.get',
    'handlers.post',
    'marked',
    'Traced.a',
    'upper',
  ]);
  assert.deepEqual(report.skipped.map((s) => [s.name, s.reason]), [['quiet', 'marked @notrace'], ['Traced.b', 'marked @notrace']]);
});

test('"none" leaves only the @trace marks', () => {
  assert.deepEqual(names(instrumented({ functions: 'none' }).report), ['marked', 'Traced.a']);
});

test('rules: first match wins, exclude keeps out, kinds/async/exported/file filter, and an unused rule warns', () => {
  const { report, diagnostics } = instrumented({
    functions: [
      { match: 'OrderService.audit', exclude: true },
      { match: 'OrderService.*', kinds: ['method'] },
      { async: true, name: 'async work' },
      { file: 'src/util/**' },
      { match: 'handlers.*', exported: true },
      { match: 'Nope.*' },
    ],
  });
  assert.deepEqual(
    report.instrumented.map((f) => [f.name, f.rule]),
    [
      ['listOrders', 'functions[2]'],
      ['OrderService.find', 'functions[1]'],
      ['OrderService.create', 'functions[1]'],
      ['handlers.get', 'functions[4]'],
      ['handlers.post', 'functions[4]'],
      ['marked', '@trace'],
      ['Traced.a', '@trace'],
      ['upper', 'functions[3]'],
    ],
  );
  assert.deepEqual(report.skipped.map((s) => [s.name, s.reason]), [['OrderService.audit', 'excluded by functions[0]']]);
  assert.deepEqual(diagnostics, ['spanweave: rule functions[5] {"match":"Nope.*"} matched no function.']);
});

test('include and exclude are globs relative to the tsconfig folder; setting exclude replaces the test default', () => {
  assert.deepEqual(names(instrumented({ functions: 'all', include: ['src/util/**'] }).report), ['upper']);
  const withTests = names(instrumented({ functions: 'all', include: ['src/*.test.ts', 'src/__tests__/**'], exclude: [] }).report);
  assert.deepEqual(withTests, ['inTest', 'inTestsFolder']);
});

test('"exported" counts what `export =` makes the module, and the exported members of exported namespaces', () => {
  const legacy = tempProject({
    'src/fn.ts': 'function legacy(n: number) { return n; }\nfunction unexported() { return 0; }\nexport = legacy;\n',
    'src/cls.ts': 'class Legacy { run() { return 1; } private hidden() { return 2; } }\nexport = Legacy;\n',
    'src/ns.ts': 'export namespace Utils { export function a() { return 1; } function b() { return 2; } export namespace Deep { export const c = () => 3; } }\n',
  });
  const reportPath = path.join(legacy, 'report.json');
  const files = ['src/fn.ts', 'src/cls.ts', 'src/ns.ts'].map((f) => path.join(legacy, f));
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, types: [], lib: ['lib.es2022.d.ts'], rootDir: legacy, outDir: path.join(legacy, 'out'), configFilePath: path.join(legacy, 'tsconfig.json') };
  compile(files, options, { report: 'report.json' });
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as BuildReport;
  assert.deepEqual(names(report), ['legacy', 'Legacy.run', 'Utils.a', 'Utils.Deep.c']);
});

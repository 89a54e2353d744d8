/**
 * Functions whose source text the program reads and evaluates elsewhere (a
 * `new Function` body), as XState's SCXML converter does with `${delayToMs}`:
 * wrapped, their text named the module's spanweave bindings, which the
 * evaluated code cannot see. Such functions are left unwrapped and reported;
 * the others keep their spans. Both instrumenters, each build run in a child
 * process with tracing on, printing what the plain build prints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { JsInstrumenter } from 'spanweave/instrument';
import { compile, runtimePath, tempProject } from './harness';

const helpers = `export function double(x: number): number {
  return x * 2;
}
export function label(): string {
  return 'label';
}
// Named like main's square, whose text is read: this one's is not.
export function square(x: number): number {
  return x * x;
}
`;

const main = `import { double, label } from './helpers';

function delayToMs(delay: string): number {
  return parseInt(delay, 10) * 1000;
}
const shapes = {
  triple: (x: number) => x * 3,
  quad(x: number) {
    return x * 4;
  },
};
function square(x: number): number {
  return x * x;
}
function cube(x: number): number {
  return x * x * x;
}
function tag(strings: TemplateStringsArray, ...values: unknown[]): number {
  return values.length;
}

export function evaluate(): unknown[] {
  return [
    new Function(\`return (\${
      // a lint directive, as XState writes one there
      delayToMs
    })('2');\`)(),
    new Function('return (' + String(double) + ')(2);')(),
    new Function(\`return (\${shapes.triple})(2);\`)(),
    new Function('return (function ' + shapes.quad.toString() + ')(2);')(),
    new Function('return (' + Function.prototype.toString.call(square) + ')(3);')(),
    tag\`\${cube}\`,
    (() => { const label = 'a string'; return \`\${label}\`; })(),
    label(),
    cube(2),
  ];
}
console.log(JSON.stringify(evaluate()));
`;

const tracingOn = { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_TRACES_SAMPLER: 'always_on', SPANWEAVE_DEBUG: '1' };

function run(file: string): string {
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8', env: tracingOn });
  assert.equal(result.status, 0, `${file}: ${result.stderr}`);
  assert.equal(result.stderr, '', file);
  return result.stdout;
}

const expected = '[2000,4,6,8,9,1,"a string","label",8]\n';

test('through the transformer, a function whose text the program reads keeps it, and the others are wrapped', () => {
  const dir = tempProject({ 'helpers.ts': helpers, 'main.ts': main });
  const build = (outDir: string, plugin?: object) => {
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, types: [], outDir: path.join(dir, outDir) };
    const { diagnostics } = compile([path.join(dir, 'main.ts')], options, plugin as never, true);
    assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
    return run(path.join(dir, outDir, 'main.js'));
  };
  assert.equal(build('plain'), expected);
  const report = path.join(dir, 'report.json');
  assert.equal(build('traced', { functions: 'all', runtime: runtimePath, report }), expected);
  const { instrumented, skipped } = JSON.parse(fs.readFileSync(report, 'utf8')) as { instrumented: { name: string }[]; skipped: { name: string; reason: string }[] };
  assert.deepEqual(
    // Paths are relative to the project's folder, here the working directory.
    skipped.map(({ name, reason }) => `${name}: ${reason.replace(/\([^)]*(main\.ts:\d+)\)/, '($1)')}`),
    [
      'double: its source text is read (main.ts:28), which must not show the wrapper',
      'delayToMs: its source text is read (main.ts:26), which must not show the wrapper',
      'shapes.triple: its source text is read (main.ts:29), which must not show the wrapper',
      'shapes.quad: its source text is read (main.ts:30), which must not show the wrapper',
      'square: its source text is read (main.ts:31), which must not show the wrapper',
    ],
  );
  // A tagged template is given the function itself, a string named like a function is not it, and helpers' square is
  // another function than the square whose text is read.
  assert.deepEqual(instrumented.map(({ name }) => name).sort(), ['cube', 'evaluate', 'label', 'square', 'tag']);
});

/** The same reads in one JavaScript file, as `spanweave instrument` sees a file: alone. */
const script = `function delayToMs(delay) {
  return parseInt(delay, 10) * 1000;
}
function double(x) {
  return x * 2;
}
const shapes = { triple: (x) => x * 3 };
function cube(x) {
  return x * x * x;
}
console.log(new Function(\`return (\${delayToMs})('2');\`)(), new Function('return (' + String(double) + ')(2);')(), new Function(\`return (\${shapes.triple})(2);\`)(), cube(2));
`;

test('through the JavaScript instrumenter, a function whose text its file reads keeps it', () => {
  const dir = tempProject({ 'main.js': script });
  const file = path.join(dir, 'main.js');
  assert.equal(run(file), '2000 4 6 8\n');
  const instrumenter = new JsInstrumenter({ functions: 'all', runtime: runtimePath, projectDir: dir });
  const result = instrumenter.instrument(script, { filename: file, format: 'commonjs' });
  fs.writeFileSync(file, result.code);
  assert.equal(run(file), '2000 4 6 8\n');
  // Without a checker, a read is taken by the name it reads.
  assert.deepEqual(
    instrumenter.report().skipped.map(({ name, reason }) => `${name}: ${reason}`),
    [
      'delayToMs: its source text is read (main.js:11), which must not show the wrapper',
      'double: its source text is read (main.js:11), which must not show the wrapper',
      'shapes.triple: its source text is read (main.js:11), which must not show the wrapper',
    ],
  );
  assert.deepEqual(instrumenter.report().instrumented.map(({ name }) => name), ['cube']);
});

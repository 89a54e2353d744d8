/**
 * A build that compiles file by file (`ts.transpileModule`, which ts-loader's
 * `transpileOnly` runs for each file) hands spanweave a program that does not
 * hold the file being emitted: there is no type checker for it. The file is
 * emitted unchanged, and one warning per program says why no file has spans.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { createTransformer } from 'spanweave/transformer';

const source = 'export function price(n: number): number {\n  return n * 2;\n}\n';
const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };

test('a file outside the program is emitted unchanged, with one warning for the whole build', () => {
  const warnings: ts.Diagnostic[] = [];
  const program = ts.createProgram([], compilerOptions);
  const transformer = createTransformer(program, { functions: 'all' }, { ts, reportWarning: (d) => warnings.push(d) });
  const plain = ts.transpileModule(source, { compilerOptions, fileName: 'src/a.ts' }).outputText;
  for (const fileName of ['src/a.ts', 'src/b.ts']) {
    const output = ts.transpileModule(source, { compilerOptions, fileName, transformers: { before: [transformer] } }).outputText;
    assert.equal(output, plain);
  }
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.code, 99504);
  assert.equal(warnings[0]!.category, ts.DiagnosticCategory.Warning);
  assert.match(ts.flattenDiagnosticMessageText(warnings[0]!.messageText, '\n'), /src\/a\.ts is not part of the program .* emitted without spans .*transpileOnly/);
});

test('without a program, createTransformer says it needs one', () => {
  assert.throws(() => createTransformer(undefined as unknown as ts.Program), /spanweave: createTransformer needs the ts\.Program/);
});

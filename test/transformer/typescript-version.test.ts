/**
 * TypeScript before 5.2 emits a derived class's field initializers before a
 * `super()` that is inside spanweave's wrapper (checked by hand with 5.0.4 and
 * 5.1.6: `new Square()` threw a ReferenceError). spanweave refuses such a
 * compiler with an error that says why, and instruments nothing. The old
 * compiler is not installed here: the real TypeScript is given with only its
 * version changed, which is all the check reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { createTransformer } from 'spanweave/transformer';

function transformWith(version: string): { output: string; errors: ts.Diagnostic[] } {
  const errors: ts.Diagnostic[] = [];
  const host = ts.createCompilerHost({});
  const source = 'export function price(n: number): number {\n  return n * 2;\n}\n';
  const fileName = 'price.ts';
  const original = host.getSourceFile;
  host.getSourceFile = (name, ...rest) => (name === fileName ? ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022) : original(name, ...rest));
  const program = ts.createProgram([fileName], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [], noLib: true }, host);
  let output = '';
  const transformer = createTransformer(program, { functions: 'all' }, { ts: { ...ts, version }, addDiagnostic: (d) => errors.push(d) });
  program.emit(undefined, (name, text) => (name.endsWith('.js') ? (output = text) : undefined), undefined, false, { before: [transformer] });
  return { output, errors };
}

test('TypeScript 5.1 is refused with an error that names the version needed, and the file is emitted unchanged', () => {
  const { output, errors } = transformWith('5.1.6');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 99505);
  assert.equal(errors[0]!.category, ts.DiagnosticCategory.Error);
  assert.match(ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n'), /^spanweave: needs TypeScript 5\.2 or later; this build runs TypeScript 5\.1\.6/);
  assert.doesNotMatch(output, /spanweave/);
});

test('TypeScript 5.2 and later are accepted', () => {
  for (const version of ['5.2.2', '5.9.3', '6.0.3', '10.0.0']) {
    const { output, errors } = transformWith(version);
    assert.deepEqual(errors, [], version);
    assert.match(output, /functionSites\("price.ts", \[1, "price"\]\)/, version);
  }
});

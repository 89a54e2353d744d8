import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { httpClientApi, mayCallLibraryApi, resolveCallee } from '../transformer/select/callee';

// The fixtures annotate each call with what must be recognised on its line
// (`// => api ...`); a call on a line without the annotation must not be.
const fixtureDir = path.resolve(__dirname, '..', '..', 'fixtures', 'http-client', 'select');
const files = ['calls.ts', 'calls.cts', 'calls.js'].map((f) => path.join(fixtureDir, f));
const program = ts.createProgram(files, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  allowJs: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
});
const checker = program.getTypeChecker();

function callsByLine(file: ts.SourceFile): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const api = httpClientApi(checker, node);
      if (!found.has(line)) found.set(line, []);
      if (api) found.get(line)!.push(api);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function expectedOn(file: ts.SourceFile, line: number): string[] {
  const text = file.text.split('\n')[line] ?? '';
  const match = /\/\/ => (.*)$/.exec(text);
  return match ? match[1]!.trim().split(/\s+/) : [];
}

test('the fixtures type-check, so the checker sees what a user build sees', () => {
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, []);
});

for (const fileName of files) {
  test(`every call in ${path.basename(fileName)} is classified as annotated`, () => {
    const file = program.getSourceFile(fileName)!;
    assert.ok(file, fileName);
    const found = callsByLine(file);
    let annotated = 0;
    for (const [line, apis] of found) {
      const expected = expectedOn(file, line);
      annotated += expected.length;
      assert.deepEqual(apis.sort(), expected.sort(), `${path.basename(fileName)}:${line + 1}: ${file.text.split('\n')[line]!.trim()}`);
    }
    assert.ok(annotated > 0, 'the fixture has annotated calls');
  });
}

test('resolveCallee names the declaring module and the declared name', () => {
  const file = program.getSourceFile(files[0]!)!;
  const origins = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const origin = resolveCallee(checker, node.expression);
      if (origin) origins.set(node.expression.getText(file), `${origin.module}:${origin.name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.equal(origins.get('fetch'), 'global:fetch');
  assert.equal(origins.get('send'), 'http:request');
  assert.equal(origins.get('axios.create'), 'axios:AxiosInstance.create');
  assert.equal(origins.get('api.get'), 'axios:Axios.get');
  assert.equal(origins.get('localFetch'), undefined, 'the user function is not resolved to a module');
  assert.equal(origins.get('new Map<string, string>().get'), 'global:Map.get');
});

test('the call-site gate lets every recognised client call through, and keeps back calls of the program and of the default library', () => {
  const kept: string[] = [];
  for (const fileName of files) {
    const file = program.getSourceFile(fileName)!;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const where = `${path.basename(fileName)}: ${node.getText(file)}`;
        const passes = mayCallLibraryApi(ts, program, node);
        if (httpClientApi(checker, node) !== undefined) assert.ok(passes, `a recognised call is kept back: ${where}`);
        if (!passes) kept.push(node.expression.getText(file));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  assert.ok(kept.includes('localFetch'), 'the program\'s own fetch function is kept back');
  assert.ok(kept.includes('fetchAll'), 'an overload of the program\'s own function is kept back');
  assert.ok(!kept.includes('hostFetch'), 'a declared function is let through: it may be anything at run time');
  assert.ok(kept.includes('new Map<string, string>().get'), 'a method of the default library is kept back');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { mayCallLibraryApi } from '../transformer/select/callee';
import { httpServerSite, type HttpServerSite } from '../transformer/select/http-server';

const fixture = path.resolve(__dirname, '../../fixtures/http-server-select');

function program(): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(fixture, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  assert.ok(parsed);
  return ts.createProgram(parsed.fileNames, parsed.options);
}

function describeSite(site: HttpServerSite | undefined): string | undefined {
  if (site === undefined) return undefined;
  return site.kind === 'registration' ? `registration ${site.argumentIndex}` : site.kind;
}

test('server call sites are recognised by what the callee is, however it is imported', () => {
  const built = program();
  const file = built.getSourceFile(path.join(fixture, 'sites.ts'))!;
  assert.deepEqual(
    ts.getPreEmitDiagnostics(built).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    [],
    'the fixture type-checks',
  );
  const checker = built.getTypeChecker();
  const expected = new Map<number, string>();
  file.text.split('\n').forEach((line, index) => {
    const mark = /\/\/ expect: (.+)$/.exec(line);
    if (mark) expected.set(index + 1, mark[1]!.trim());
  });
  const found = new Map<number, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const site = describeSite(httpServerSite(ts, checker, node));
      if (site !== undefined) {
        assert.ok(mayCallLibraryApi(ts, built, node), `the call-site gate keeps back a server site: ${node.getText(file)}`);
        // Sites that share a line are listed together, in order.
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found.set(line, [found.get(line), site].filter(Boolean).sort().join(', '));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.equal(expected.size, 27);
  assert.deepEqual([...found].sort(), [...expected].sort());
});

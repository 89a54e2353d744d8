/**
 * The functions a spanweave build wrapped, counted in the JavaScript it
 * wrote: the prologue of each instrumented file lists them in one
 * `functionSites(file, entries)` call, whose entries begin each function
 * with its line number, the only numbers among them (docs/contract.md).
 *
 * Why from the output: asking the build for a `report` makes the
 * transformer choose the functions of every file before the emit, which a
 * timed build must not do, and one more build to write it took about 20 s of
 * the benchmark's ten minutes. Parsing the output of a build that was timed
 * anyway takes about a second.
 */
import fs from 'node:fs';
import ts from 'typescript';

/** The functions wrapped by the spanweave build that wrote `files`, all the JavaScript it emitted. */
export function functionsWrapped(files: readonly string[]): number {
  let count = 0;
  for (const name of files) {
    const file = ts.createSourceFile(name, fs.readFileSync(name, 'utf8'), ts.ScriptTarget.Latest);
    // The prologue is top-level `var` statements: `var spanweave_sites_1 = spanweave_1.functionSites(...)`.
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const { initializer } of statement.declarationList.declarations) {
        const entries = initializer !== undefined ? siteEntries(initializer) : undefined;
        if (entries !== undefined) count += entries.elements.filter(ts.isNumericLiteral).length;
      }
    }
  }
  return count;
}

/** The entries of `<runtime>.functionSites(file, [...])`, or undefined when `expression` is no such call. */
function siteEntries(expression: ts.Expression): ts.ArrayLiteralExpression | undefined {
  if (!ts.isCallExpression(expression) || !ts.isPropertyAccessExpression(expression.expression) || expression.expression.name.text !== 'functionSites') return undefined;
  const entries = expression.arguments[1];
  return entries !== undefined && ts.isArrayLiteralExpression(entries) ? entries : undefined;
}

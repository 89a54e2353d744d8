import type * as ts from 'typescript';

/** The directive prologue ("use strict" and friends) that opens a list of statements; it must stay first. */
export function leadingDirectives(tsi: typeof ts, statements: readonly ts.Statement[]): ts.Statement[] {
  let count = 0;
  while (count < statements.length && isDirective(tsi, statements[count]!)) count++;
  return statements.slice(0, count);
}

function isDirective(tsi: typeof ts, statement: ts.Statement): boolean {
  return tsi.isExpressionStatement(statement) && tsi.isStringLiteral(statement.expression);
}

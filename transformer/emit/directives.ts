import type * as ts from 'typescript';

/** The directive prologue ("use strict" and friends) that opens a list of statements; it must stay first. */
export function leadingDirectives(tsi: typeof ts, statements: readonly ts.Statement[]): ts.Statement[] {
  const directives: ts.Statement[] = [];
  for (const statement of statements) {
    if (!tsi.isExpressionStatement(statement) || !tsi.isStringLiteral(statement.expression)) break;
    directives.push(statement);
  }
  return directives;
}

/**
 * A file that declares `require` at its top level cannot take the runtime
 * import spanweave adds when the file is emitted as CommonJS,
 * `var spanweave_1 = require("spanweave/runtime")`: that call would reach the
 * file's own `require` (a function declaration is hoisted over the whole file,
 * a `var` would still be undefined). TypeScript forbids such a declaration in a
 * module (TS2441); a script, or a JavaScript file compiled with `allowJs`, can
 * have one. Such a file is emitted as it is, with a warning.
 */
import type * as ts from 'typescript';
import { boundNames } from './syntax';

/**
 * The top-level function, class or variable statement of `file` that declares `require`, if any. An ambient one
 * (`declare function require(name: string): any;`, a script's typing of Node's) emits nothing: the call reaches Node's.
 */
export function ownRequireDeclaration(tsi: typeof ts, file: ts.SourceFile): ts.Statement | undefined {
  return file.statements.find((statement) => {
    if (tsi.canHaveModifiers(statement) && tsi.getModifiers(statement)?.some((modifier) => modifier.kind === tsi.SyntaxKind.DeclareKeyword)) return false;
    if (tsi.isFunctionDeclaration(statement) || tsi.isClassDeclaration(statement)) return statement.name?.text === 'require';
    return tsi.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => boundNames(tsi, declaration.name).includes('require'));
  });
}

/** The warning for such a file. */
export const OWN_REQUIRE_MESSAGE =
  'this file declares its own `require` at the top level, which the runtime import spanweave adds to CommonJS output ' +
  '(`require("spanweave/runtime")`) would call instead of Node\'s, so the file is emitted without spans. ' +
  'Rename the declaration, or emit the file as an ES module, to instrument it.';

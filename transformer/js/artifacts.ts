/**
 * Code a compiler adds to the JavaScript it emits, which the transformer
 * never sees and so never instruments: tsc's helpers (`var __awaiter =
 * (this && this.__awaiter) || function ...`), the getters of re-exports
 * (`Object.defineProperty(exports, "x", { get: function () { ... } })`) and
 * the functions passed to decorator helpers (`__decorate`, `__esDecorate`).
 * The plan does not look into these subtrees, so `functions: "all"` gives
 * the same spans on tsc's output as the transformer gives on the source.
 */
import type * as ts from 'typescript';

/** Whether `node` is the root of compiler-emitted code. */
export function isCompilerArtifact(tsi: typeof ts, node: ts.Node): boolean {
  if (tsi.isVariableStatement(node)) return node.declarationList.declarations.every((d) => isHelperDeclaration(tsi, d));
  if (tsi.isCallExpression(node)) return isDefinePropertyOnExports(tsi, node) || isHelperName(calleeName(tsi, node.expression));
  return false;
}

/** `var __name = (this && this.__name) || ...` and `var __name = ...` of a helper name. */
function isHelperDeclaration(tsi: typeof ts, declaration: ts.VariableDeclaration): boolean {
  return tsi.isIdentifier(declaration.name) && isHelperName(declaration.name.text) && declaration.initializer !== undefined;
}

/** tsc's and tslib's helper names: two underscores and a lower-case letter (`__awaiter`, `__decorate`). */
function isHelperName(name: string | undefined): boolean {
  return name !== undefined && /^__[a-z][A-Za-z]*$/.test(name);
}

/** `__decorate(...)`, `tslib_1.__decorate(...)`, `(0, tslib_1.__decorate)(...)`. */
function calleeName(tsi: typeof ts, callee: ts.Expression): string | undefined {
  let node = callee;
  while (tsi.isParenthesizedExpression(node)) node = node.expression;
  if (tsi.isBinaryExpression(node) && node.operatorToken.kind === tsi.SyntaxKind.CommaToken) return calleeName(tsi, node.right);
  if (tsi.isIdentifier(node)) return node.text;
  if (tsi.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

/** `Object.defineProperty(exports, ...)`: tsc's re-exports and `__esModule` flag. */
function isDefinePropertyOnExports(tsi: typeof ts, call: ts.CallExpression): boolean {
  const callee = call.expression;
  const target = call.arguments[0];
  return (
    tsi.isPropertyAccessExpression(callee) &&
    tsi.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object' &&
    callee.name.text === 'defineProperty' &&
    target !== undefined &&
    tsi.isIdentifier(target) &&
    target.text === 'exports'
  );
}

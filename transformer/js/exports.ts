/**
 * What a module exports, read from its syntax alone (there is no checker
 * here): the declarations behind `export` (ESM) and behind assignments to
 * `exports.x`, `module.exports.x` and `module.exports` (CommonJS, as tsc,
 * esbuild and swc emit it). A name exported from another module, or a value
 * made at run time, is not seen.
 */
import type * as ts from 'typescript';
import { hasModifier } from '../select/describe';
import { skipErasedWrappers } from '../syntax';

/** The declarations of `file` that its module exports, as the plan's `exportAnchor`s name them. */
export function syntacticExports(tsi: typeof ts, file: ts.SourceFile): ReadonlySet<ts.Node> {
  const exported = new Set<ts.Node>();
  const byName = new Map<string, ts.Node[]>();
  const names: string[] = [];
  for (const statement of file.statements) {
    for (const declaration of declarationsOf(tsi, statement)) {
      const name = declaration.name !== undefined && tsi.isIdentifier(declaration.name) ? declaration.name.text : undefined;
      if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), declaration]);
      if (hasModifier(tsi, tsi.isVariableDeclaration(declaration) ? statement : declaration, tsi.SyntaxKind.ExportKeyword)) exported.add(declaration);
    }
    if (tsi.isExportAssignment(statement)) {
      exported.add(statement);
      if (tsi.isIdentifier(statement.expression)) names.push(statement.expression.text);
    } else if (tsi.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && statement.exportClause !== undefined && tsi.isNamedExports(statement.exportClause)) {
      for (const specifier of statement.exportClause.elements) names.push((specifier.propertyName ?? specifier.name).text);
    } else if (tsi.isExpressionStatement(statement)) {
      names.push(...commonJsExportedNames(tsi, statement.expression));
      if (isExportAssignment(tsi, statement.expression)) exported.add(statement.expression);
    }
  }
  for (const name of names) for (const declaration of byName.get(name) ?? []) exported.add(declaration);
  // `let C = class C { ... }`, as tsc emits a decorated class: the class's members anchor their export on it.
  for (const declaration of [...exported]) {
    if (tsi.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
      const value = skipErasedWrappers(tsi, declaration.initializer);
      if (tsi.isClassExpression(value)) exported.add(value);
    }
  }
  return exported;
}

type NamedDeclaration = ts.FunctionDeclaration | ts.ClassDeclaration | ts.VariableDeclaration;

function declarationsOf(tsi: typeof ts, statement: ts.Statement): NamedDeclaration[] {
  if (tsi.isFunctionDeclaration(statement) || tsi.isClassDeclaration(statement)) return [statement];
  if (tsi.isVariableStatement(statement)) return [...statement.declarationList.declarations];
  return [];
}

/** Names of local values a CommonJS export assignment exports: `exports.f = f`, `module.exports = { f, g: h }`, chains `exports.a = exports.b = a`. */
function commonJsExportedNames(tsi: typeof ts, expression: ts.Expression): string[] {
  if (!isExportAssignment(tsi, expression)) return [];
  const value = expression.right;
  if (tsi.isIdentifier(value)) return [value.text];
  if (tsi.isBinaryExpression(value)) return commonJsExportedNames(tsi, value);
  if (tsi.isObjectLiteralExpression(value)) {
    return value.properties.flatMap((p) => {
      if (tsi.isShorthandPropertyAssignment(p)) return [p.name.text];
      if (tsi.isPropertyAssignment(p) && tsi.isIdentifier(p.initializer)) return [p.initializer.text];
      return [];
    });
  }
  return [];
}

/** `exports.x = ...`, `module.exports = ...`: the assignment itself anchors a function assigned there. */
function isExportAssignment(tsi: typeof ts, expression: ts.Expression): expression is ts.BinaryExpression {
  return tsi.isBinaryExpression(expression) && expression.operatorToken.kind === tsi.SyntaxKind.EqualsToken && isExportsTarget(tsi, expression.left);
}

/** `exports.x`, `module.exports`, `module.exports.x`. */
function isExportsTarget(tsi: typeof ts, target: ts.Expression): boolean {
  if (!tsi.isPropertyAccessExpression(target)) return false;
  const holder = target.expression;
  if (tsi.isIdentifier(holder)) return holder.text === 'exports' || (holder.text === 'module' && target.name.text === 'exports');
  return tsi.isPropertyAccessExpression(holder) && tsi.isIdentifier(holder.expression) && holder.expression.text === 'module' && holder.name.text === 'exports';
}

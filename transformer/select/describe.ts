/**
 * The compile-time facts about one function: its kind, its qualified name and
 * the node whose leading comments may carry a mark. Pure reading of the AST.
 */
import type * as ts from 'typescript';
import type { FunctionKind } from '../options';
import { isErasedWrapper, NodeRole, nodeRoles } from '../syntax';

/** A function-like node that has a body spanweave may wrap. */
export type InstrumentableFunction =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

/** What the source says about a function, before any rule is applied. */
export interface FunctionFacts {
  kind: FunctionKind;
  /** `Class.method`, `object.method`, `name` (accessors without `get `/`set `); undefined for an anonymous function. */
  qualifiedName: string | undefined;
  /** The function's own name (`code.function`). */
  functionName: string;
  /** The class, object or namespace that holds it (`code.namespace`). */
  namespace: string | undefined;
  async: boolean;
  generator: boolean;
  /** The node whose leading comments carry the function's mark. */
  markAnchor: ts.Node;
  /** The class that holds the function, whose mark applies when the function has none. */
  owningClass: ts.ClassLikeDeclaration | undefined;
  /** The declaration whose export decides `exported`, and whether membership also needs a public member. */
  exportAnchor: ts.Node | undefined;
  publicMember: boolean;
}

/** The facts of `node`, or undefined when it is not a function spanweave can wrap (no body, abstract, `declare`). */
export function describeFunction(tsi: typeof ts, node: ts.Node): FunctionFacts | undefined {
  if (!isInstrumentable(tsi, node) || node.body === undefined) return undefined;
  const owner = node.parent;
  const traits: Traits = { async: hasModifier(tsi, node, tsi.SyntaxKind.AsyncKeyword), generator: 'asteriskToken' in node && node.asteriskToken !== undefined };
  if (tsi.isConstructorDeclaration(node)) {
    const cls = node.parent;
    return facts(traits, 'constructor', member(tsi, cls, 'constructor'), node, cls, cls, false);
  }
  if (tsi.isMethodDeclaration(node) || tsi.isGetAccessorDeclaration(node) || tsi.isSetAccessorDeclaration(node)) {
    const own = propertyNameText(tsi, node.name);
    const kind: FunctionKind = tsi.isGetAccessorDeclaration(node) ? 'getter' : tsi.isSetAccessorDeclaration(node) ? 'setter' : tsi.isClassLike(owner) ? 'method' : 'objectMethod';
    if (tsi.isClassLike(owner)) return facts(traits, kind, member(tsi, owner, own), node, owner, owner, isPublic(tsi, node));
    const object = owner as ts.ObjectLiteralExpression;
    return facts(traits, kind, member(tsi, owner, own, objectName(tsi, object)), node, undefined, objectVariable(tsi, object), false);
  }
  if (tsi.isFunctionDeclaration(node)) {
    const own = node.name?.text ?? (hasModifier(tsi, node, tsi.SyntaxKind.DefaultKeyword) ? 'default' : undefined);
    return facts(traits, 'function', scoped(tsi, node, own), node, undefined, node, false);
  }
  return describeFunctionValue(tsi, node, traits);
}

type Traits = Pick<FunctionFacts, 'async' | 'generator'>;

/**
 * Every FunctionFacts is made here, with its fields in one order: objects of
 * one shape keep the selection's property reads monomorphic, where spreading
 * partial objects into each other took the slow path of object spread on
 * every function.
 */
function facts(
  traits: Traits,
  kind: FunctionKind,
  names: Names,
  markAnchor: ts.Node,
  owningClass: ts.ClassLikeDeclaration | undefined,
  exportAnchor: ts.Node | undefined,
  publicMember: boolean,
): FunctionFacts {
  return {
    kind,
    qualifiedName: names.qualifiedName,
    functionName: names.functionName,
    namespace: names.namespace,
    async: traits.async,
    generator: traits.generator,
    markAnchor,
    owningClass,
    exportAnchor,
    publicMember,
  };
}

/** A function expression or arrow: named by where its value goes. */
function describeFunctionValue(tsi: typeof ts, node: ts.FunctionExpression | ts.ArrowFunction, traits: Traits): FunctionFacts {
  const plainKind: FunctionKind = tsi.isArrowFunction(node) ? 'arrow' : 'function';
  const holder = skipOuterExpressions(tsi, node.parent);
  const ownName = tsi.isFunctionExpression(node) ? node.name?.text : undefined;
  if (tsi.isPropertyDeclaration(holder) && tsi.isClassLike(holder.parent)) {
    return facts(traits, 'classField', member(tsi, holder.parent, propertyNameText(tsi, holder.name)), holder, holder.parent, holder.parent, isPublic(tsi, holder));
  }
  if ((tsi.isPropertyAssignment(holder) || tsi.isShorthandPropertyAssignment(holder)) && tsi.isObjectLiteralExpression(holder.parent)) {
    const names = member(tsi, holder.parent, propertyNameText(tsi, holder.name), objectName(tsi, holder.parent));
    return facts(traits, 'objectMethod', names, holder, undefined, objectVariable(tsi, holder.parent), false);
  }
  if (tsi.isVariableDeclaration(holder) && tsi.isIdentifier(holder.name)) {
    const statement = holder.parent.parent;
    const anchor = tsi.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 ? statement : holder;
    return facts(traits, plainKind, scoped(tsi, holder, holder.name.text), anchor, undefined, holder, false);
  }
  if (tsi.isBinaryExpression(holder) && holder.operatorToken.kind === tsi.SyntaxKind.EqualsToken && holder.right === outermost(tsi, node)) {
    const target = entityName(tsi, holder.left);
    const anchor = tsi.isExpressionStatement(holder.parent) ? holder.parent : holder;
    if (target !== undefined) return facts(traits, plainKind, split(target), anchor, undefined, holder, false);
  }
  if (tsi.isExportAssignment(holder)) return facts(traits, plainKind, scoped(tsi, holder, 'default'), holder, undefined, holder, false);
  return facts(traits, plainKind, { qualifiedName: ownName, functionName: ownName ?? '<anonymous>', namespace: undefined }, node, undefined, undefined, false);
}

/** Whether `node` is one of the function forms spanweave wraps. */
export function isInstrumentable(tsi: typeof ts, node: ts.Node): node is InstrumentableFunction {
  return nodeRoles(tsi)[node.kind] === NodeRole.Function;
}

type Names = Pick<FunctionFacts, 'qualifiedName' | 'functionName' | 'namespace'>;

/** A member of a class or object: `Owner.member`. */
function member(tsi: typeof ts, owner: ts.Node, own: string, ownerName?: string): Names {
  const namespace = ownerName ?? (tsi.isClassLike(owner) ? className(tsi, owner) : undefined);
  return { qualifiedName: namespace === undefined ? own : `${namespace}.${own}`, functionName: own, namespace };
}

/** A function named by a declaration, qualified by the TypeScript namespaces around it. */
function scoped(tsi: typeof ts, node: ts.Node, own: string | undefined): Names {
  if (own === undefined) return { qualifiedName: undefined, functionName: '<anonymous>', namespace: undefined };
  const namespaces: string[] = [];
  for (let up: ts.Node | undefined = node.parent; up !== undefined; up = up.parent) {
    if (tsi.isModuleDeclaration(up) && tsi.isIdentifier(up.name)) namespaces.unshift(up.name.text);
  }
  const namespace = namespaces.length > 0 ? namespaces.join('.') : undefined;
  return { qualifiedName: namespace === undefined ? own : `${namespace}.${own}`, functionName: own, namespace };
}

function split(qualified: string): Names {
  const dot = qualified.lastIndexOf('.');
  if (dot < 0) return { qualifiedName: qualified, functionName: qualified, namespace: undefined };
  return { qualifiedName: qualified, functionName: qualified.slice(dot + 1), namespace: qualified.slice(0, dot) };
}

function className(tsi: typeof ts, cls: ts.ClassLikeDeclaration): string {
  if (cls.name !== undefined) return cls.name.text;
  const holder = skipOuterExpressions(tsi, cls.parent);
  if (tsi.isVariableDeclaration(holder) && tsi.isIdentifier(holder.name)) return holder.name.text;
  return hasModifier(tsi, cls, tsi.SyntaxKind.DefaultKeyword) ? 'default' : '<anonymous class>';
}

/** The name an object literal is known by: the variable, property path or export it is assigned to. */
function objectName(tsi: typeof ts, object: ts.ObjectLiteralExpression): string | undefined {
  const holder = skipOuterExpressions(tsi, object.parent);
  if (tsi.isVariableDeclaration(holder) && tsi.isIdentifier(holder.name)) return holder.name.text;
  if (tsi.isPropertyAssignment(holder) && tsi.isObjectLiteralExpression(holder.parent)) {
    const outer = objectName(tsi, holder.parent);
    const own = propertyNameText(tsi, holder.name);
    return outer === undefined ? own : `${outer}.${own}`;
  }
  if (tsi.isBinaryExpression(holder) && holder.operatorToken.kind === tsi.SyntaxKind.EqualsToken) return entityName(tsi, holder.left);
  if (tsi.isExportAssignment(holder)) return 'default';
  return undefined;
}

/**
 * The variable declaration (or the assignment, as `exports.x = {...}`) an
 * object literal is the value of, whose export makes its methods exported.
 */
function objectVariable(tsi: typeof ts, object: ts.ObjectLiteralExpression): ts.Node | undefined {
  const holder = skipOuterExpressions(tsi, object.parent);
  const assigned = tsi.isBinaryExpression(holder) && holder.operatorToken.kind === tsi.SyntaxKind.EqualsToken;
  return tsi.isVariableDeclaration(holder) || assigned ? holder : undefined;
}

/**
 * `a.b.c` for an assignment target made of identifiers, `this` and plain
 * property names; a CommonJS export (`exports.f`, `module.exports.f`, as in
 * JavaScript and in tsc's output) is named as it is exported: `f`.
 */
function entityName(tsi: typeof ts, node: ts.Expression): string | undefined {
  return dottedName(tsi, node)?.replace(/^(?:module\.)?exports\./, '');
}

function dottedName(tsi: typeof ts, node: ts.Expression): string | undefined {
  if (tsi.isIdentifier(node)) return node.text;
  if (node.kind === tsi.SyntaxKind.ThisKeyword) return 'this';
  if (tsi.isPropertyAccessExpression(node)) {
    const left = dottedName(tsi, node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  return undefined;
}

function propertyNameText(tsi: typeof ts, name: ts.PropertyName): string {
  if (tsi.isIdentifier(name) || tsi.isPrivateIdentifier(name) || tsi.isStringLiteral(name) || tsi.isNumericLiteral(name)) return name.text;
  return `[${name.getText()}]`;
}

function isPublic(tsi: typeof ts, node: ts.ClassElement): boolean {
  if (node.name !== undefined && tsi.isPrivateIdentifier(node.name)) return false;
  return !hasModifier(tsi, node, tsi.SyntaxKind.PrivateKeyword) && !hasModifier(tsi, node, tsi.SyntaxKind.ProtectedKeyword);
}

export function hasModifier(tsi: typeof ts, node: ts.Node, kind: ts.SyntaxKind): boolean {
  // The list holds the decorators too, which no modifier kind matches; `getModifiers` would copy it without them on every ask.
  const modifiers = tsi.canHaveModifiers(node) ? node.modifiers : undefined;
  return modifiers !== undefined && modifiers.some((m) => m.kind === kind);
}

/** Skips parentheses, `as`, `satisfies` and `!` between a value and where it goes. */
function skipOuterExpressions(tsi: typeof ts, node: ts.Node): ts.Node {
  let up = node;
  while (isErasedWrapper(tsi, up)) up = up.parent;
  return up;
}

/** The outermost wrapper expression (parentheses, `as` ...) around `node`. */
function outermost(tsi: typeof ts, node: ts.Node): ts.Node {
  let up = node;
  while (up.parent !== undefined && skipOuterExpressions(tsi, up.parent) !== up.parent) up = up.parent;
  return up;
}

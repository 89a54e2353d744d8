/**
 * The type checker's answer to "can this function return a thenable?", which
 * picks the wrapper: promise-aware finishing, or the cheapest synchronous one.
 */
import type * as ts from 'typescript';

/** True unless the declared or inferred return type rules out a thenable. Unsure means true. */
export function mayReturnThenable(tsi: typeof ts, checker: ts.TypeChecker, node: ts.SignatureDeclaration): boolean {
  const signature = checker.getSignatureFromDeclaration(node);
  if (signature === undefined) return true;
  return mayBeThenable(tsi, checker, checker.getReturnTypeOfSignature(signature));
}

/**
 * True when a `return` of an async function (not a generator) may hand back a
 * thenable. Its promise then adopts that thenable and settles only when it
 * does, after the body is done (`return load(id)`), so the span must finish
 * with it, as a plain function's does. Returns of nested functions are
 * theirs. Unsure means true.
 */
export function asyncMayReturnThenable(tsi: typeof ts, checker: ts.TypeChecker, node: ts.FunctionLikeDeclaration): boolean {
  const body = node.body;
  if (body === undefined) return false;
  if (!tsi.isBlock(body)) return mayBeThenable(tsi, checker, checker.getTypeAtLocation(body));
  const returnsThenable = (child: ts.Node): boolean => {
    if (tsi.isFunctionLike(child) || tsi.isClassLike(child)) return false;
    if (tsi.isReturnStatement(child) && child.expression !== undefined) return mayBeThenable(tsi, checker, checker.getTypeAtLocation(child.expression));
    return tsi.forEachChild(child, returnsThenable) ?? false;
  };
  return tsi.forEachChild(body, returnsThenable) ?? false;
}

const NEVER_THENABLE = ['StringLike', 'NumberLike', 'BigIntLike', 'BooleanLike', 'EnumLike', 'ESSymbolLike', 'Void', 'Undefined', 'Null', 'Never'] as const;

/**
 * The type flags of `NEVER_THENABLE` as one mask, and the `Object` flag, per
 * TypeScript instance (flag values differ between versions): reading
 * `tsi.TypeFlags[name]` goes through a getter of the module object each time.
 */
const flagsByTs = new WeakMap<typeof ts, { never: number; object: number }>();

function typeFlagsOf(tsi: typeof ts): { never: number; object: number } {
  let flags = flagsByTs.get(tsi);
  if (flags === undefined) {
    const all = tsi.TypeFlags;
    flags = { never: NEVER_THENABLE.reduce((mask, name) => mask | all[name], 0), object: all.Object };
    flagsByTs.set(tsi, flags);
  }
  return flags;
}

function mayBeThenable(tsi: typeof ts, checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => mayBeThenable(tsi, checker, t));
  const known = typeFlagsOf(tsi);
  if (type.flags & known.never) return false;
  if (type.flags & known.object) return checker.getPropertyOfType(type, 'then') !== undefined || isEmptyObjectLike(checker, type);
  return true;
}

/** `{}` and `Object` accept any object, thenables included. */
function isEmptyObjectLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  return (checker.getPropertiesOfType(type).length === 0 && checker.getSignaturesOfType(type, 0).length === 0) || isGlobalObject(checker, type);
}

/** The lib's `Object` interface, told by its symbol: `typeToString` printed a type for every object-returning function. */
function isGlobalObject(checker: ts.TypeChecker, type: ts.Type): boolean {
  const symbol = type.getSymbol();
  return symbol?.getName() === 'Object' && checker.getFullyQualifiedName(symbol) === 'Object';
}

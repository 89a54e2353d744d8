/**
 * Syntax facts shared by the selection and the emitters: the erased wrappers
 * around an expression, the names a binding declares, a node's line, and the
 * syntax kinds the selection and the visitor
 * test on every node, as one table per TypeScript instance (kinds differ
 * between versions).
 *
 * Why a table: TypeScript's module object is a dictionary of getters, so each
 * `ts.SyntaxKind.X` in a `switch` is a getter call and a hash lookup, and the
 * visitor's switch ran a dozen of them on each of the millions of nodes of a
 * large build. One array read replaces them.
 */
import type * as ts from 'typescript';

/** What the transformer does with a node, by its kind. */
export const NodeRole = {
  /** Its children are visited; the node itself is left as it is. */
  Descend: 0,
  /** A function form spanweave may wrap (`InstrumentableFunction`). */
  Function: 1,
  /** `await` or `yield`: rewritten inside a suspending frame. */
  Suspension: 2,
  Try: 3,
  ForOf: 4,
  Labeled: 5,
  Return: 6,
  /** A call or `new` expression: offered to the call-site instrumenters. */
  Call: 7,
  /** A block: its `await using` disposals are rewritten inside an async frame. */
  Block: 9,
  /**
   * Nothing inside it is ever rewritten: tokens and identifiers, imports and
   * re-exports, and type syntax (type nodes, interfaces, type aliases), which
   * TypeScript erases after spanweave's transformer ran. Not descended into.
   */
  Inert: 8,
} as const;
export type NodeRole = (typeof NodeRole)[keyof typeof NodeRole];

/**
 * Parentheses, `!`, `as`, `satisfies` and `<T>` casts: nothing of them is
 * left in the JavaScript, so `(api.get as T)(url)` calls `api.get` with
 * `this` = api, as `api.get(url)` does.
 */
export function isErasedWrapper(tsi: typeof ts, node: ts.Node): node is ts.ParenthesizedExpression | ts.NonNullExpression | ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion {
  return tsi.isParenthesizedExpression(node) || tsi.isNonNullExpression(node) || tsi.isAsExpression(node) || tsi.isSatisfiesExpression(node) || tsi.isTypeAssertionExpression(node);
}

/** The expression inside any erased wrappers (`isErasedWrapper`). */
export function skipErasedWrappers(tsi: typeof ts, expression: ts.Expression): ts.Expression {
  let node = expression;
  while (isErasedWrapper(tsi, node)) node = node.expression;
  return node;
}

/** Every name a binding declares: an identifier, or each name of a destructuring pattern. */
export function boundNames(tsi: typeof ts, name: ts.BindingName): string[] {
  if (tsi.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (tsi.isOmittedExpression(element) ? [] : boundNames(tsi, element.name)));
}

/** The 1-based line where `node` starts in `file`. */
export function lineOfNode(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

let lastTs: typeof ts | undefined;
let lastRoles: Uint8Array = new Uint8Array(0);
const rolesByTs = new WeakMap<typeof ts, Uint8Array>();

/** The role of every syntax kind of `tsi`, indexed by `node.kind`. Built once per instance. */
export function nodeRoles(tsi: typeof ts): Uint8Array {
  if (tsi === lastTs) return lastRoles;
  let roles = rolesByTs.get(tsi);
  if (roles === undefined) rolesByTs.set(tsi, (roles = buildRoles(tsi)));
  lastTs = tsi;
  lastRoles = roles;
  return roles;
}

function buildRoles(tsi: typeof ts): Uint8Array {
  const kind = tsi.SyntaxKind;
  const roles = new Uint8Array(kind.Count + 1);
  // Tokens, keywords and identifiers have no children.
  roles.fill(NodeRole.Inert, 0, kind.FirstNode);
  roles.fill(NodeRole.Inert, kind.FirstTypeNode, kind.LastTypeNode + 1);
  const set = (role: NodeRole, kinds: readonly ts.SyntaxKind[]): void => kinds.forEach((k) => (roles[k] = role));
  // Declarations that hold no function and no call.
  set(NodeRole.Inert, [kind.InterfaceDeclaration, kind.TypeAliasDeclaration, kind.ImportDeclaration, kind.ImportEqualsDeclaration, kind.ExportDeclaration]);
  set(NodeRole.Function, [kind.FunctionDeclaration, kind.FunctionExpression, kind.ArrowFunction, kind.MethodDeclaration, kind.GetAccessor, kind.SetAccessor, kind.Constructor]);
  set(NodeRole.Suspension, [kind.AwaitExpression, kind.YieldExpression]);
  set(NodeRole.Try, [kind.TryStatement]);
  set(NodeRole.ForOf, [kind.ForOfStatement]);
  set(NodeRole.Labeled, [kind.LabeledStatement]);
  set(NodeRole.Return, [kind.ReturnStatement]);
  set(NodeRole.Call, [kind.CallExpression, kind.NewExpression]);
  set(NodeRole.Block, [kind.Block]);
  return roles;
}

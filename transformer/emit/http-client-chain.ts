/**
 * HTTP client calls inside optional chains. A chain's short-circuit covers
 * everything up to its end: in `client?.get(url).then(f)` a missing client
 * skips the call, its arguments and the `.then(f)`. A call in the middle of a
 * chain cannot be replaced on its own (the links after it would then read
 * from the replacement), so the chain is rewritten at its end, the outermost
 * call, one link at a time, each `?.` becoming a test of the temporary that
 * holds the value it guards:
 *
 *   client?.get(url).then(f)
 *     ->  ((receiver_1 = client) == null ? void 0 : spanweave_1.httpClientCall("axios.get", receiver_1, receiver_1.get, url).then(f))
 *
 *   a?.b.get(url)
 *     ->  ((receiver_1 = a) == null ? void 0 : spanweave_1.httpClientCall("axios.get", receiver_1 = receiver_1.b, receiver_1.get, url))
 *
 *   client.get?.(url)
 *     ->  ((callee_1 = (receiver_1 = client).get) == null ? void 0 : spanweave_1.httpClientCall("axios.get", receiver_1, callee_1, url))
 *
 *   fetch?.(url)
 *     ->  ((callee_1 = fetch) == null ? void 0 : spanweave_1.httpClientCall("fetch", void 0, callee_1, url))
 *
 * Each temporary is read right after it is written, before user code runs,
 * so one per file serves every chain, nested ones too. The one exception:
 * an optional call of a member (`client.get?.(url)`) reads the receiver
 * again after the member's getter ran; a getter that itself makes a traced
 * call in the same file would overwrite it.
 *
 * The other links are written as they were, without their `?.`, so `this`
 * and the order of evaluation stay the user's. A chain with an optional call
 * of a member that is not an HTTP client (`p?.then?.(f)`) would need
 * `Function.prototype.call` to keep its `this`: such a chain is left alone.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import type { HttpClientApi } from '../select/callee';
import { skipErasedWrappers } from '../syntax';

/** One link of a chain: the parse-tree node (its `?.`) and the same link built for the output (its name, key or arguments). */
export interface ChainLink {
  readonly original: ts.Expression;
  readonly output: ts.Expression;
}

/** What the chain has evaluated to so far: a value, or a member read not yet made (so a call of it keeps `this`). */
type Current = { value: ts.Expression } | { object: ts.Expression; access: ts.PropertyAccessExpression | ts.ElementAccessExpression };

/** The temporaries the emitted chains use: one per file each, made by the caller. */
export interface ChainTemporaries {
  receiver(): ts.Identifier;
  callee(): ts.Identifier;
}

/**
 * The links of the optional chain that `end` closes, from the first to
 * `end`, paired with those of `output` (the same chain, as it is to be
 * emitted), and the expression the chain starts from; undefined when the
 * two do not have the same shape.
 */
export function chainLinks(tsi: typeof ts, end: ts.Expression, output: ts.Expression): { root: ts.Expression; links: ChainLink[] } | undefined {
  const links: ChainLink[] = [];
  let original = end;
  let built = output;
  while ((original.flags & tsi.NodeFlags.OptionalChain) !== 0) {
    if (original.kind !== built.kind || !isLink(tsi, original)) return undefined;
    links.push({ original, output: built });
    original = original.expression;
    built = (built as ts.PropertyAccessExpression).expression;
  }
  return { root: built, links: links.reverse() };
}

function isLink(tsi: typeof ts, node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression | ts.NonNullExpression {
  return tsi.isPropertyAccessExpression(node) || tsi.isElementAccessExpression(node) || tsi.isCallExpression(node) || tsi.isNonNullExpression(node);
}

/** Whether `node` ends an optional chain: it is part of one, and its parent does not continue it. */
export function endsOptionalChain(tsi: typeof ts, node: ts.Expression): boolean {
  if ((node.flags & tsi.NodeFlags.OptionalChain) === 0) return false;
  const parent = node.parent;
  return !(isLink(tsi, parent) && parent.expression === node && (parent.flags & tsi.NodeFlags.OptionalChain) !== 0);
}

/**
 * The chain rewritten so its HTTP client calls (those `apiOf` names) go
 * through `httpClientCall`, or undefined when it has none or a link this
 * rewrite does not keep exactly.
 */
export function optionalChainCallOf(
  file: FileContext,
  root: ts.Expression,
  links: readonly ChainLink[],
  apiOf: (call: ts.CallExpression) => HttpClientApi | undefined,
  temps: ChainTemporaries,
): ts.Expression | undefined {
  const { factory, ts: tsi } = file;
  const apis = links.map((link) => (tsi.isCallExpression(link.original) ? apiOf(link.original) : undefined));
  if (!apis.some((api) => api !== undefined)) return undefined;
  const guards: ts.Expression[] = [];
  const nullTest = (assignment: ts.Expression) =>
    factory.createBinaryExpression(factory.createParenthesizedExpression(assignment), tsi.SyntaxKind.EqualsEqualsToken, factory.createNull());
  let current = startOf(tsi, root);
  if (current === undefined) return undefined;
  for (const [index, link] of links.entries()) {
    const { original, output } = link;
    if (tsi.isNonNullExpression(output)) continue;
    const optional = (original as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression).questionDotToken !== undefined;
    if (tsi.isPropertyAccessExpression(output) || tsi.isElementAccessExpression(output)) {
      let object = valueOf(file, current);
      if (optional) {
        const temp = temps.receiver();
        guards.push(nullTest(factory.createAssignment(temp, object)));
        object = temp;
      }
      current = { object, access: output };
      continue;
    }
    const args = (output as ts.CallExpression).arguments;
    const api = apis[index];
    if (api === undefined && !optional) {
      current = { value: factory.createCallExpression(valueOf(file, current), undefined, args) };
      continue;
    }
    let receiver: ts.Expression = factory.createVoidZero();
    let fn: ts.Expression;
    if ('access' in current) {
      if (api === undefined) return undefined;
      const temp = temps.receiver();
      const assigned = current.object === temp ? undefined : factory.createAssignment(temp, current.object);
      if (optional) {
        const callee = temps.callee();
        const read = memberRead(file, assigned ? factory.createParenthesizedExpression(assigned) : temp, current.access);
        guards.push(nullTest(factory.createAssignment(callee, read)));
        receiver = temp;
        fn = callee;
      } else {
        receiver = assigned ?? temp;
        fn = memberRead(file, temp, current.access);
      }
    } else if (optional) {
      const callee = temps.callee();
      guards.push(nullTest(factory.createAssignment(callee, current.value)));
      fn = callee;
    } else {
      fn = current.value;
    }
    current = {
      value: api !== undefined
        ? factory.createCallExpression(file.runtime('httpClientCall'), undefined, [factory.createStringLiteral(api), receiver, fn, ...args])
        : factory.createCallExpression(fn, undefined, args),
    };
  }
  let result = valueOf(file, current);
  for (const guard of guards.reverse()) result = factory.createConditionalExpression(guard, undefined, factory.createVoidZero(), undefined, result);
  return factory.createParenthesizedExpression(result);
}

/** The chain's first value; a member read in parentheses, `(a.b)?.(x)`, still calls with `this` = a. */
function startOf(tsi: typeof ts, root: ts.Expression): Current | undefined {
  const node = skipErasedWrappers(tsi, root);
  if (!tsi.isPropertyAccessExpression(node) && !tsi.isElementAccessExpression(node)) return { value: root };
  if (node.expression.kind === tsi.SyntaxKind.SuperKeyword || (node.flags & tsi.NodeFlags.OptionalChain) !== 0) return undefined;
  return { object: node.expression, access: node };
}

function valueOf(file: FileContext, current: Current): ts.Expression {
  return 'value' in current ? current.value : memberRead(file, current.object, current.access);
}

/** `<object>.name` or `<object>[key]`, reading the member `access` reads; optional (`?.`) when `questionDot` is given. */
export function memberRead(file: FileContext, object: ts.Expression, access: ts.PropertyAccessExpression | ts.ElementAccessExpression, questionDot?: ts.QuestionDotToken): ts.Expression {
  const { factory, ts: tsi } = file;
  if (tsi.isPropertyAccessExpression(access)) {
    return questionDot ? factory.createPropertyAccessChain(object, questionDot, access.name) : factory.createPropertyAccessExpression(object, access.name);
  }
  return questionDot
    ? factory.createElementAccessChain(object, questionDot, access.argumentExpression)
    : factory.createElementAccessExpression(object, access.argumentExpression);
}

/**
 * The HTTP client call-site instrumenter: a call whose callee resolves (with
 * the type checker, transformer/select/callee.ts) to an outgoing-HTTP API is
 * handed to the runtime hook `httpClientCall` together with the callee and
 * the receiver it would have been called on, so the call made is the same one
 * (runtime/hooks/http-client.ts). Plugin option `http.client: false` turns
 * it off.
 *
 * Emitted shapes (`spanweave_1` is the file's runtime import, `receiver_1`
 * one `var` per file in its prologue):
 *
 *   fetch(url, init)
 *     ->  spanweave_1.httpClientCall("fetch", void 0, fetch, url, init)
 *
 *   api.get(url, config)
 *     ->  spanweave_1.httpClientCall("axios.get", receiver_1 = api, receiver_1.get, url, config)
 *
 *   https["request"](options, callback)
 *     ->  spanweave_1.httpClientCall("https.request", receiver_1 = https, receiver_1["request"], options, callback)
 *
 * Evaluation order and `this` are kept: the receiver is evaluated once, then
 * the callee is read from it, then the arguments, as in the original call.
 * The temporary is read right after it is written, before any user code can
 * run, so one per file serves every call site (nested and async ones too).
 * Spread arguments stay spread. Left alone: optional calls (`client?.get()`,
 * `fetch?.()`), `super.get()`, and anything the selection does not recognise.
 */
import type * as ts from 'typescript';
import type { CallSite, CallSiteInstrumenter } from '../callsites';
import type { FileContext } from '../context';
import { httpClientApi, type HttpClientApi } from '../select/callee';

/** The receiver temporary of each file, created on the file's first instrumented method call. */
const receivers = new WeakMap<FileContext, ts.Identifier>();

export const httpClientInstrumenter: CallSiteInstrumenter = {
  name: 'http-client',
  instrument(site: CallSite, file: FileContext): ts.Expression | undefined {
    const tsi = file.ts;
    const { original, visited } = site;
    if (file.options.http.client === false) return undefined;
    if (!tsi.isCallExpression(original) || !tsi.isCallExpression(visited)) return undefined;
    if (original.questionDotToken || (original.flags & tsi.NodeFlags.OptionalChain) !== 0) return undefined;
    const api = httpClientApi(file.checker, original, tsi);
    if (api === undefined) return undefined;
    const call = httpClientCallOf(file, api, visited);
    return call && tsi.setTextRange(call, original);
  },
};

/**
 * The emitted call for `visited`, a call of `api`, or undefined for a shape
 * left alone. Shared with the JavaScript instrumenter, which finds `api`
 * without a checker (transformer/js/http-bindings.ts).
 */
export function httpClientCallOf(file: FileContext, api: HttpClientApi, visited: ts.CallExpression): ts.Expression | undefined {
  const target = calleeAndReceiver(file, visited.expression);
  if (target === undefined) return undefined;
  const { factory } = file;
  return factory.createCallExpression(file.runtime('httpClientCall'), undefined, [factory.createStringLiteral(api), target.receiver, target.callee, ...visited.arguments]);
}

/** `[receiver, callee]` expressions that evaluate as the original call would, or undefined for a shape left alone. */
function calleeAndReceiver(file: FileContext, expression: ts.Expression): { receiver: ts.Expression; callee: ts.Expression } | undefined {
  const tsi = file.ts;
  const { factory } = file;
  let callee = expression;
  // `(fetch)(url)` calls fetch with the same `this` as `fetch(url)`; `(a.b)(x)` keeps `this` = a.
  while (tsi.isParenthesizedExpression(callee)) callee = callee.expression;
  if (tsi.isPropertyAccessExpression(callee) || tsi.isElementAccessExpression(callee)) {
    if (callee.expression.kind === tsi.SyntaxKind.SuperKeyword) return undefined;
    const temp = receiverOf(file);
    const receiver = factory.createAssignment(temp, callee.expression);
    const member = tsi.isPropertyAccessExpression(callee)
      ? factory.createPropertyAccessExpression(temp, callee.name)
      : factory.createElementAccessExpression(temp, callee.argumentExpression);
    return { receiver, callee: member };
  }
  return { receiver: factory.createVoidZero(), callee: expression };
}

function receiverOf(file: FileContext): ts.Identifier {
  let temp = receivers.get(file);
  if (temp === undefined) {
    temp = file.declare('receiver', file.factory.createVoidZero());
    receivers.set(file, temp);
  }
  return temp;
}

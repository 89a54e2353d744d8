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
 * Spread arguments stay spread.
 *
 * A call inside an optional chain (`client?.get(url)`, `a?.b.get(url)`,
 * `client.get?.(url)`, `client?.get(url).then(f)`) is rewritten together with
 * its chain, at the chain's end, so a missing link still skips the call, its
 * span, its arguments and the rest of the chain (http-client-chain.ts).
 *
 * A request method of NestJS's `HttpService` returns an Observable that
 * makes its request later, on subscription: the service goes through a hook
 * that instruments its axios instance instead,
 *
 *   this.http.get(url)
 *     ->  spanweave_1.instrumentNestHttpService(this.http).get(url)
 *
 * Left alone: a chain that ends in a member read rather than a call
 * (`client?.get(url).data`), `super.get()`, and anything the selection does
 * not recognise.
 */
import type * as ts from 'typescript';
import type { CallSite, CallSiteInstrumenter } from '../callsites';
import type { FileContext } from '../context';
import { httpClientApi, type HttpClientApi, isNestHttpServiceCall } from '../select/callee';
import { skipErasedWrappers } from '../syntax';
import { chainLinks, type ChainTemporaries, endsOptionalChain, memberRead, optionalChainCallOf } from './http-client-chain';
import { wrapReceiver } from './receiver';

/** The receiver temporary of each file, created on the file's first instrumented method call. */
const receivers = new WeakMap<FileContext, ts.Identifier>();
/** The callee temporary of each file, created on the file's first optional call of a function (`fetch?.()`). */
const callees = new WeakMap<FileContext, ts.Identifier>();

export const httpClientInstrumenter: CallSiteInstrumenter = {
  name: 'http-client',
  instrument(site: CallSite, file: FileContext): ts.Expression | undefined {
    const tsi = file.ts;
    const { original, visited } = site;
    if (file.options.http.client === false) return undefined;
    if (!tsi.isCallExpression(original) || !tsi.isCallExpression(visited)) return undefined;
    let call: ts.Expression | undefined;
    if ((original.flags & tsi.NodeFlags.OptionalChain) !== 0) {
      // A call inside a chain is rewritten with the whole chain, at its end.
      const chain = endsOptionalChain(tsi, original) ? chainLinks(tsi, original, visited) : undefined;
      call = chain && optionalChainCallOf(file, chain.root, chain.links, (link) => httpClientApi(file.checker, link, tsi), temporaries(file));
    } else {
      const api = httpClientApi(file.checker, original, tsi);
      if (api !== undefined) call = httpClientCallOf(file, api, visited);
      else if (isNestHttpServiceCall(file.checker, original, tsi)) call = wrapReceiver(file, visited, nestHttpServiceOf);
    }
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

/** `<runtime>.instrumentNestHttpService(service)`: the hook returns the same service. */
function nestHttpServiceOf(file: FileContext, service: ts.Expression): ts.Expression {
  return file.factory.createCallExpression(file.runtime('instrumentNestHttpService'), undefined, [service]);
}

/** `[receiver, callee]` expressions that evaluate as the original call would, or undefined for a shape left alone. */
function calleeAndReceiver(file: FileContext, expression: ts.Expression): { receiver: ts.Expression; callee: ts.Expression } | undefined {
  const tsi = file.ts;
  const { factory } = file;
  // `(a.b)(x)`, `a.b!(x)` and `(a.b as T)(x)` all call with `this` = a: the
  // wrappers are parentheses or types, erased from the JavaScript.
  const callee = skipErasedWrappers(tsi, expression);
  if (tsi.isPropertyAccessExpression(callee) || tsi.isElementAccessExpression(callee)) {
    if (callee.expression.kind === tsi.SyntaxKind.SuperKeyword) return undefined;
    // A chain closed by parentheses, `(a?.get)(url)`: a missing `a` makes the
    // callee undefined, and the call throws only after its arguments are
    // evaluated. Kept with a `?.` on the temporary when it is the chain's only
    // one; `(a?.b.get)(url)` would need the whole chain rewritten: left alone.
    const optional = (callee.flags & tsi.NodeFlags.OptionalChain) !== 0;
    if (optional && (!callee.questionDotToken || (callee.expression.flags & tsi.NodeFlags.OptionalChain) !== 0)) return undefined;
    const temp = receiverOf(file);
    const receiver = factory.createAssignment(temp, callee.expression);
    return { receiver, callee: memberRead(file, temp, callee, callee.questionDotToken) };
  }
  return { receiver: factory.createVoidZero(), callee: expression };
}

/** The file's temporaries, as the chain rewrite asks for them. */
export function temporaries(file: FileContext): ChainTemporaries {
  return { receiver: () => receiverOf(file), callee: () => calleeOf(file) };
}

function receiverOf(file: FileContext): ts.Identifier {
  return temporaryOf(file, receivers, 'receiver');
}

function calleeOf(file: FileContext): ts.Identifier {
  return temporaryOf(file, callees, 'callee');
}

function temporaryOf(file: FileContext, temps: WeakMap<FileContext, ts.Identifier>, hint: string): ts.Identifier {
  let temp = temps.get(file);
  if (temp === undefined) {
    temp = file.declare(hint, file.factory.createVoidZero());
    temps.set(file, temp);
  }
  return temp;
}

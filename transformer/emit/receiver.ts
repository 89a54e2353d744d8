/**
 * Handing a method call's receiver to a runtime hook that returns it, for
 * the hooks that instrument an object once rather than each call:
 *
 *   server.on('request', listener)   becomes   <runtime>.instrumentServer(server).on('request', listener)
 *   app.listen(3000)                 becomes   <runtime>.instrumentNestApplication(app).listen(3000)
 *   this.http.get(url)               becomes   <runtime>.instrumentNestHttpService(this.http).get(url)   (Nest HttpService)
 *
 * The receiver is evaluated once, before the method is read, as in the
 * original call, and the hook returns it, so `this` is the same.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';

/**
 * The call `call` with its receiver passed through `hook`; undefined for a
 * shape whose receiver cannot be wrapped where it stands (an optional chain,
 * `super.on(...)`, a method taken off its object).
 */
export function wrapReceiver(file: FileContext, call: ts.Expression, hook: (file: FileContext, receiver: ts.Expression) => ts.Expression): ts.Expression | undefined {
  const { factory, ts } = file;
  if (!ts.isCallExpression(call)) return undefined;
  const callee = wrappableCallee(ts, call);
  if (callee === undefined) return undefined;
  const receiver = hook(file, callee.expression);
  const method = ts.isPropertyAccessExpression(callee)
    ? factory.updatePropertyAccessExpression(callee, receiver, callee.name)
    : factory.updateElementAccessExpression(callee, receiver, callee.argumentExpression);
  return factory.updateCallExpression(call, method, call.typeArguments, call.arguments);
}

/**
 * The `object.method` (or `object['method']`) of a call whose receiver can
 * be wrapped where it stands: not in an optional chain, not `super`. Shared
 * with the JavaScript instrumenter.
 */
export function wrappableCallee(tsi: typeof ts, call: ts.CallExpression): ts.PropertyAccessExpression | ts.ElementAccessExpression | undefined {
  if ((call.flags & tsi.NodeFlags.OptionalChain) !== 0) return undefined;
  const callee = call.expression;
  if (!tsi.isPropertyAccessExpression(callee) && !tsi.isElementAccessExpression(callee)) return undefined;
  return callee.expression.kind === tsi.SyntaxKind.SuperKeyword ? undefined : callee;
}

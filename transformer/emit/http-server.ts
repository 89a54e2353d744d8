/**
 * The call-site instrumenter for HTTP servers: routes the server call sites
 * that transformer/select/http-server.ts recognises through the runtime hooks
 * of runtime/hooks/http-server.ts, express.ts and fastify.ts. Off when the
 * plugin option `http.server` is `false`.
 */
import type * as ts from 'typescript';
import type { CallSite, CallSiteInstrumenter } from '../callsites';
import type { FileContext } from '../context';
import { httpServerSite } from '../select/http-server';

export const httpServerInstrumenter: CallSiteInstrumenter = {
  name: 'http-server',
  instrument(site: CallSite, file: FileContext): ts.Expression | undefined {
    if (file.options.http.server === false) return undefined;
    const found = httpServerSite(file.ts, file.checker, site.original);
    if (found === undefined) return undefined;
    switch (found.kind) {
      case 'server':
        return file.ts.setTextRange(instrumentedServerOf(file, site.visited), site.original);
      case 'registration':
        return wrapReceiver(site, file, instrumentedServerOf) ?? wrapListener(site, found.argumentIndex, file);
      case 'nest':
        return wrapReceiver(site, file, nestApplicationOf);
      default:
        return wrapResult(site, found.kind, file);
    }
  },
};

/*
 *   http.createServer(options, listener)   becomes   <runtime>.instrumentServer(http.createServer(options, listener))
 *
 * and the same for `createSecureServer` and `new http.Server(...)`: the hook
 * wraps the server's `emit` and returns the same server.
 */
export function instrumentedServerOf(file: FileContext, server: ts.Expression): ts.Expression {
  return file.factory.createCallExpression(file.runtime('instrumentServer'), undefined, [server]);
}

/** `<runtime>.instrumentNestApplication(app)`: the hook returns the same application. */
export function nestApplicationOf(file: FileContext, app: ts.Expression): ts.Expression {
  return file.factory.createCallExpression(file.runtime('instrumentNestApplication'), undefined, [app]);
}

/*
 *   server.on('request', listener)   becomes   <runtime>.instrumentServer(server).on('request', listener)
 *   app.listen(3000)                 becomes   <runtime>.instrumentNestApplication(app).listen(3000)
 *
 * The receiver is evaluated once, before the method is read, as in the
 * original call, and the hook returns it, so `this` is the same. Undefined
 * for a shape whose receiver cannot be wrapped so (an optional chain,
 * `super.on(...)`, a method taken off the server): a registration's
 * listener is wrapped instead, a Nest application is left alone.
 */
function wrapReceiver(site: CallSite, file: FileContext, hook: (file: FileContext, receiver: ts.Expression) => ts.Expression): ts.Expression | undefined {
  const { factory, ts } = file;
  const call = site.visited;
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
 * The `server.on` (or `server['on']`) of a registration whose receiver can be
 * wrapped where it stands: not in an optional chain, not `super`. Shared with
 * the JavaScript instrumenter.
 */
export function wrappableCallee(tsi: typeof ts, call: ts.CallExpression): ts.PropertyAccessExpression | ts.ElementAccessExpression | undefined {
  if ((call.flags & tsi.NodeFlags.OptionalChain) !== 0) return undefined;
  const callee = call.expression;
  if (!tsi.isPropertyAccessExpression(callee) && !tsi.isElementAccessExpression(callee)) return undefined;
  return callee.expression.kind === tsi.SyntaxKind.SuperKeyword ? undefined : callee;
}

/*
 *   server?.on('request', listener)
 *     becomes
 *   server?.on('request', <runtime>.instrumentRequestListener(listener))
 *
 * where the receiver cannot be wrapped. Only the listener changes; the
 * callee, `this` and the evaluation order stay, and a non-function value
 * passes through the hook unchanged.
 */
function wrapListener(site: CallSite, listenerIndex: number, file: FileContext): ts.Expression {
  const { factory, ts } = file;
  const call = site.visited as ts.CallExpression;
  const args = call.arguments.map((argument, index) =>
    index === listenerIndex ? ts.setTextRange(requestListenerOf(file, argument), site.original.arguments?.[index] ?? argument) : argument,
  );
  return factory.updateCallExpression(call, call.expression, call.typeArguments, args);
}

/*
 *   express()              becomes   <runtime>.instrumentExpressApp(express())
 *   fastify({ logger })    becomes   <runtime>.instrumentFastify(fastify({ logger }))
 *   new Koa()              becomes   <runtime>.instrumentKoaApp(new Koa())
 *
 * The hook returns the same object it is given.
 */
function wrapResult(site: CallSite, kind: FrameworkKind, file: FileContext): ts.Expression {
  return file.ts.setTextRange(serverObjectOf(file, kind, site.visited), site.original);
}

/** `<runtime>.instrumentRequestListener(listener)`. */
export function requestListenerOf(file: FileContext, listener: ts.Expression): ts.Expression {
  return file.factory.createCallExpression(file.runtime('instrumentRequestListener'), undefined, [listener]);
}

/** The frameworks whose app or instance, once made, goes through a hook of its own. */
type FrameworkKind = 'express' | 'fastify' | 'koa';
const FRAMEWORK_HOOKS: Readonly<Record<FrameworkKind, string>> = { express: 'instrumentExpressApp', fastify: 'instrumentFastify', koa: 'instrumentKoaApp' };

/** `<runtime>.instrumentExpressApp(app)`, `<runtime>.instrumentFastify(instance)` or `<runtime>.instrumentKoaApp(app)`. */
export function serverObjectOf(file: FileContext, kind: FrameworkKind, created: ts.Expression): ts.Expression {
  return file.factory.createCallExpression(file.runtime(FRAMEWORK_HOOKS[kind]), undefined, [created]);
}

/**
 * The call-site instrumenter for HTTP servers: routes the server call sites
 * that transformer/select/http-server.ts recognises through the runtime hooks
 * of runtime/hooks/http-server.ts, express.ts, fastify.ts, koa.ts and
 * nest.ts. Off when the plugin option `http.server` is `false`.
 */
import type * as ts from 'typescript';
import type { CallSite, CallSiteInstrumenter } from '../callsites';
import type { FileContext } from '../context';
import { httpServerSite } from '../select/http-server';
import { endsOptionalChain } from './http-client-chain';
import { wrapReceiver } from './receiver';

export const httpServerInstrumenter: CallSiteInstrumenter = {
  name: 'http-server',
  instrument(site: CallSite, file: FileContext): ts.Expression | undefined {
    if (file.options.http.server === false) return undefined;
    const found = httpServerSite(file.ts, file.checker, site.original);
    if (found === undefined) return undefined;
    switch (found.kind) {
      case 'server':
        if (continuesOptionalChain(file.ts, site.original)) return undefined;
        return file.ts.setTextRange(instrumentedServerOf(file, site.visited), site.original);
      case 'registration':
        return wrapReceiver(file, site.visited, instrumentedServerOf) ?? wrapListener(site, found.argumentIndex, file);
      case 'nest':
        return wrapReceiver(file, site.visited, nestApplicationOf);
      default:
        return continuesOptionalChain(file.ts, site.original) ? undefined : wrapResult(site, found.kind, file);
    }
  },
};

/**
 * A call inside an optional chain that goes on after it (`app?.listen(0).on(...)`):
 * wrapping its result would cut the chain in two, and a missing link would
 * then throw in the rest of it instead of skipping it. Left alone. Shared
 * with the JavaScript instrumenter.
 */
export function continuesOptionalChain(tsi: typeof ts, call: ts.CallExpression | ts.NewExpression): boolean {
  return (call.flags & tsi.NodeFlags.OptionalChain) !== 0 && !endsOptionalChain(tsi, call);
}

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

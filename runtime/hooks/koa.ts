/**
 * Koa applications: the app `new Koa()` made gets two own properties. Its
 * `handleRequest`, which Koa's request listener calls for every request,
 * starts the request's server span (or finds the one the server hook
 * started) and runs the middleware with it active, and asks for the route
 * when the span finishes: `@koa/router` records the matched route's path on
 * the context (`ctx._matchedRoute`) only as it dispatches. Its context's
 * `onerror`, which Koa calls with every error a middleware throws before it
 * answers, records the error when it is the server's fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safely } from '../safe';
import { tracing } from '../tracing';
import { beginServerRequest, nameServerRouteAtEnd, recordServerError, runInServerSpan } from './http-server';

const WHERE = 'hooks.koa';
const instrumented = new WeakSet<object>();

/** What the hook reads of Koa's request context. */
interface KoaContextLike {
  req: IncomingMessage;
  res: ServerResponse;
  /** Set by @koa/router to the matched route's path (a string, or the RegExp it was declared with). */
  _matchedRoute?: unknown;
}

interface KoaAppLike {
  handleRequest: (ctx: KoaContextLike, fnMiddleware: unknown) => unknown;
  callback: () => unknown;
  context: { onerror?: unknown };
}

/**
 * Instruments the application `new Koa()` returned, once, and returns it.
 * Anything that is not a Koa application is returned untouched.
 */
export function instrumentKoaApp<T>(app: T): T {
  safely(WHERE, () => {
    if (isKoaApp(app) && !instrumented.has(app)) patchApp(app);
  });
  return app;
}

function isKoaApp(app: unknown): app is KoaAppLike {
  if (typeof app !== 'object' || app === null) return false;
  const { handleRequest, callback, context } = app as Partial<KoaAppLike>;
  return typeof handleRequest === 'function' && typeof callback === 'function' && typeof context === 'object' && context !== null;
}

function patchApp(app: KoaAppLike): void {
  instrumented.add(app);
  const handleRequest = app.handleRequest;
  app.handleRequest = function (this: unknown, ctx: KoaContextLike): unknown {
    const args = arguments;
    if (!tracing.on) return Reflect.apply(handleRequest, this, args);
    const state = safely(WHERE, () => {
      const started = beginServerRequest(ctx.req, ctx.res, 'koa');
      nameServerRouteAtEnd(ctx.req, () => ctx._matchedRoute);
      return started;
    });
    return runInServerSpan(state, () => Reflect.apply(handleRequest, this, args));
  };
  const onerror = app.context.onerror;
  if (typeof onerror !== 'function') return;
  app.context.onerror = function (this: KoaContextLike, error: unknown): unknown {
    // Koa also calls it with null when a response finishes without an error.
    if (error !== null && error !== undefined && tracing.on) safely(WHERE, () => recordServerError(this.req, error));
    return Reflect.apply(onerror, this, arguments);
  };
}

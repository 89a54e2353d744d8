/**
 * NestJS applications: Nest makes its HTTP server and its Express app or
 * Fastify instance inside its platform adapter, code spanweave does not
 * compile. Compiled code hands the application to this hook before it
 * starts (`app.listen()`, `app.init()`), and the hook instruments what the
 * application holds, through Nest's public API: the server (one span per
 * request) and the adapter's Express app or Fastify instance (the span named
 * after the matched route, errors the framework sees).
 */
import { safely } from '../safe';
import { instrumentExpressApp } from './express';
import { instrumentFastify } from './fastify';
import { instrumentServer } from './http-server';

const WHERE = 'hooks.nest';
const instrumented = new WeakSet<object>();

/** What the hook reads of a Nest application (`INestApplication`); a standalone application context has none of it. */
interface NestApplicationLike {
  getHttpServer?: () => unknown;
  getHttpAdapter?: () => { getType?: () => unknown; getInstance?: () => unknown } | undefined;
}

/**
 * Instruments the HTTP server of a Nest application, and its Express app or
 * Fastify instance, once per application; returns the application. Anything
 * else (a standalone application context, a microservice) is returned untouched.
 */
export function instrumentNestApplication<T>(app: T): T {
  safely(WHERE, () => {
    if (typeof app !== 'object' || app === null || instrumented.has(app)) return;
    const nest = app as NestApplicationLike;
    if (typeof nest.getHttpServer !== 'function' || typeof nest.getHttpAdapter !== 'function') return;
    instrumented.add(app);
    const adapter = nest.getHttpAdapter();
    const type = adapter?.getType?.();
    // The Fastify hook wraps its server's request listener itself; any other server's requests are its 'request' events.
    if (type === 'fastify') instrumentFastify(adapter?.getInstance?.());
    else {
      if (type === 'express') instrumentExpressApp(adapter?.getInstance?.());
      instrumentServer(nest.getHttpServer());
    }
  });
  return app;
}

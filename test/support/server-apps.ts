/**
 * The same small app written for node:http, Express and Fastify, so one
 * conformance suite (test/http-server-conformance.test.ts) runs against each.
 *
 *   GET /items/:id     200, after an await; the body tells which span was active
 *   GET /throw         a synchronous throw            (not node:http: see below)
 *   GET /async-error   a rejected async handler
 *   GET /hang          never answers; calls `reached` once it has the request
 *   anything else      404
 *
 * A plain node:http listener that throws takes the process down, so that case
 * runs in a child process (test/http-server-transformed.test.ts). Its async
 * error goes through Node's own answer to captured rejections.
 */
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { activeSpan, instrumentExpressApp, instrumentFastify, instrumentRequestListener } from 'spanweave/runtime';
import { close, listen } from './http-server-harness';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export interface AppUnderTest {
  component: 'http' | 'express' | 'fastify';
  /** Whether a route template is known (node:http has none). */
  namesRoutes: boolean;
  /** Whether `/throw` is part of the app. */
  throws: boolean;
  start(instrumented: boolean, reached: () => void): Promise<RunningApp>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const activeSpanId = () => activeSpan()?.context().toSpanId() ?? null;

export const nodeHttpApp: AppUnderTest = {
  component: 'http',
  namesRoutes: false,
  throws: false,
  async start(instrumented, reached) {
    const listener = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/items/')) {
        await tick();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: path.slice('/items/'.length), active: activeSpanId() }));
      } else if (path === '/async-error') {
        await tick();
        throw new Error('async failure');
      } else if (path === '/hang') {
        res.writeHead(200);
        res.write('partial');
        reached();
      } else {
        res.statusCode = 404;
        res.end('not found');
      }
    };
    // Captured rejections make Node answer a rejected listener with a 500.
    EventEmitter.captureRejections = true;
    const server = http.createServer(instrumented ? instrumentRequestListener(listener) : listener);
    EventEmitter.captureRejections = false;
    return { url: await listen(server), close: () => close(server) };
  },
};

export const expressApp: AppUnderTest = {
  component: 'express',
  namesRoutes: true,
  throws: true,
  async start(instrumented, reached) {
    const app = instrumented ? instrumentExpressApp(express()) : express();
    app.set('env', 'test'); // keeps Express's final handler from logging the expected errors
    app.get('/items/:id', async (req, res) => {
      await tick();
      res.json({ id: req.params.id, active: activeSpanId() });
    });
    app.get('/throw', () => {
      throw new Error('sync failure');
    });
    app.get('/async-error', async () => {
      await tick();
      throw new Error('async failure');
    });
    app.get('/hang', () => reached());
    const server = http.createServer(app);
    return { url: await listen(server), close: () => close(server) };
  },
};

export const fastifyApp: AppUnderTest = {
  component: 'fastify',
  namesRoutes: true,
  throws: true,
  async start(instrumented, reached) {
    const app = instrumented ? instrumentFastify(Fastify()) : Fastify();
    app.get('/items/:id', async (request) => {
      await tick();
      return { id: (request.params as { id: string }).id, active: activeSpanId() };
    });
    app.get('/throw', () => {
      throw new Error('sync failure');
    });
    app.get('/async-error', async () => {
      await tick();
      throw new Error('async failure');
    });
    app.get('/hang', () => {
      reached();
      return new Promise(() => undefined);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${address.port}`,
      close: async () => {
        app.server.closeAllConnections();
        await app.close();
      },
    };
  },
};

export const appsUnderTest: readonly AppUnderTest[] = [nodeHttpApp, expressApp, fastifyApp];

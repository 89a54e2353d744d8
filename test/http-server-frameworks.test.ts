/**
 * Express and Fastify specifics: one span per request through a mounted
 * sub-application or an instrumented node:http server, route names with the
 * mount path, the span active in handlers that run after body parsing, and
 * errors the app answers with a 4xx. The Express tests run on Express 5 and
 * on Express 4 (whose router is `app._router`, and whose `app.router` throws).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import expressV5 from 'express';
import type express from 'express';
import Fastify from 'fastify';
import { activeSpan, diagnostics, instrumentExpressApp, instrumentFastify, instrumentRequestListener, instrumentServer } from 'spanweave/runtime';
import { close, errorLog, listen, onlyServerSpan, recordSpans, request, servedSpan } from './support/http-server-harness';

// Express 4 has no types of its own here: it is used through Express 5's, which its API used below matches.
const express4 = require('express4') as typeof expressV5;

const memory = recordSpans();
const activeSpanId = () => activeSpan()?.context().toSpanId() ?? null;

async function serve<T>(listener: http.RequestListener, run: (url: string) => Promise<T>): Promise<T> {
  memory.clear();
  const server = http.createServer(listener);
  const url = await listen(server);
  try {
    return await run(url);
  } finally {
    await close(server);
  }
}

type Express = typeof express;

function shop(express: Express): express.Express {
  const users = instrumentExpressApp(express());
  users.get('/users/:id', (req, res) => res.json({ id: req.params.id, active: activeSpanId() }));
  users.get('/broken', () => {
    throw new Error('sub-app failure');
  });
  const app = instrumentExpressApp(express());
  app.set('env', 'test');
  app.use('/api', users);
  app.use(express.json());
  app.post('/echo', (req, res) => res.json({ body: req.body, active: activeSpanId() }));
  app.get('/teapot', (_req, _res, next) => next(Object.assign(new Error('short and stout'), { status: 418 })));
  app.get('/handled', () => {
    throw new Error('handled here');
  });
  app.get('/answered', () => {
    throw Object.assign(new Error('bad input'), { httpCode: 400 });
  });
  app.get('/broken-off', (_req, res, next) => {
    res.status(200).write('partial');
    next(new Error('broken off'));
  });
  app.use((error: Error, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.path === '/handled') res.status(400).json({ handled: error.message });
    else if (req.path === '/answered') {
      // The status sent here, then the error passed on, as routing-controllers does (its errors carry the
      // status as `httpCode`); the body not ended yet, so the error reaches the final handler first.
      res.status(400).write(JSON.stringify({ answered: error.message }));
      next(error);
    } else next(error);
  });
  return app;
}

for (const [name, express] of [['express', expressV5], ['express 4', express4]] as const) {
  test(`${name}: a mounted sub-app enriches the one span, named with the mount path`, async () => {
    const { body, span } = await serve(shop(express), async (url) => {
      const body = JSON.parse((await request(`${url}/api/users/7`)).body);
      return { body, span: await onlyServerSpan(memory) };
    });
    assert.equal(span.operationName, 'GET /api/users/:id');
    assert.equal(span.tags['http.route'], '/api/users/:id');
    assert.equal(span.tags['http.url'], '/api/users/7');
    assert.equal(body.active, span.spanId);
  });

  test(`${name}: an error in a sub-app is recorded once, where it reaches the final handler`, async () => {
    const span = await serve(shop(express), async (url) => {
      assert.equal((await request(`${url}/api/broken`)).status, 500);
      return onlyServerSpan(memory);
    });
    assert.equal(span.operationName, 'GET /api/broken');
    assert.equal(span.tags.error, true);
    assert.equal(span.logs.filter((log) => log.fields.event === 'error').length, 1);
    assert.equal(errorLog(span)?.message, 'sub-app failure');
  });

  test(`${name} served through an instrumented http.createServer: one span, component express`, async () => {
    const span = await serve(instrumentRequestListener(shop(express)), async (url) => {
      assert.equal((await request(`${url}/api/users/3`)).status, 200);
      return onlyServerSpan(memory);
    });
    assert.equal(span.operationName, 'GET /api/users/:id');
    assert.equal(span.tags.component, 'express');
  });

  test(`${name}: the span stays active in a handler that runs after body parsing`, async () => {
    const { body, span } = await serve(shop(express), async (url) => {
      const response = await request(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      return { body: JSON.parse(response.body), span: await onlyServerSpan(memory) };
    });
    assert.deepEqual(body.body, { a: 1 });
    assert.equal(body.active, span.spanId);
  });

  test(`${name}: errors answered with a 4xx are not server errors`, async () => {
    for (const [path, status] of [['/teapot', 418], ['/handled', 400]] as const) {
      const span = await serve(shop(express), async (url) => {
        assert.equal((await request(url + path)).status, status);
        return onlyServerSpan(memory);
      });
      assert.equal(span.tags['http.status_code'], status);
      assert.equal(span.tags.error, undefined, path);
      assert.equal(errorLog(span), undefined, path);
    }
  });

  test(`${name}: an error passed on after the response's status went out is judged by that status`, async () => {
    const answered = await serve(shop(express), async (url) => {
      // Express ends a response it cannot finish by closing the connection: the client may see the status or an error.
      await request(`${url}/answered`).catch(() => undefined);
      return onlyServerSpan(memory);
    });
    assert.equal(answered.tags['http.status_code'], 400);
    assert.equal(answered.tags.error, undefined);
    assert.equal(errorLog(answered), undefined);
    const brokenOff = await serve(shop(express), async (url) => {
      await request(`${url}/broken-off`).catch(() => undefined);
      return onlyServerSpan(memory);
    });
    assert.equal(brokenOff.tags.error, true);
    assert.equal(errorLog(brokenOff)?.message, 'broken off');
  });

  test(`${name}: an app without routes answers 404, with its span`, async () => {
    const { span } = await servedSpan(memory, http.createServer(instrumentExpressApp(express())), '/nothing');
    assert.equal(span.tags['http.status_code'], 404);
    assert.equal(span.tags.component, 'express');
  });

  test(`${name}: no fault inside spanweave`, () => {
    assert.deepEqual(diagnostics().faultsByPlace, {});
  });
}

function items(serverFactory?: (handler: http.RequestListener) => http.Server) {
  const app = instrumentFastify(Fastify(serverFactory ? { serverFactory } : {}));
  app.post('/items', async (request) => ({ body: request.body, active: activeSpanId() }));
  return app;
}

async function serveFastify<T>(app: ReturnType<typeof items>, run: (url: string) => Promise<T>): Promise<T> {
  memory.clear();
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await run(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  } finally {
    app.server.closeAllConnections();
    await app.close();
  }
}

test('fastify: the span stays active in a handler that runs after body parsing', async () => {
  const { body, span } = await serveFastify(items(), async (url) => {
    const response = await request(`${url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":2}' });
    return { body: JSON.parse(response.body), span: await onlyServerSpan(memory) };
  });
  assert.deepEqual(body.body, { n: 2 });
  assert.equal(body.active, span.spanId);
  assert.equal(span.operationName, 'POST /items');
});

test('fastify on a server made by an instrumented http.createServer: one span, component fastify', async () => {
  const factory = (handler: http.RequestListener) => http.createServer(instrumentRequestListener(handler));
  const span = await serveFastify(items(factory), async (url) => {
    await request(`${url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return onlyServerSpan(memory);
  });
  assert.equal(span.tags.component, 'fastify');
  assert.equal(span.operationName, 'POST /items');
});

test('an Express app behind an instrumented server: one span named by the route; with a listener of another kind put in front, its requests get a span too', async () => {
  const app = instrumentExpressApp(expressV5());
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, active: activeSpanId() }));
  const server = instrumentServer(http.createServer(app));
  memory.clear();
  const url = await listen(server);
  try {
    const served = JSON.parse((await request(`${url}/users/3`)).body);
    const span = await onlyServerSpan(memory);
    assert.equal(span.operationName, 'GET /users/:id');
    assert.equal(span.tags.component, 'express');
    assert.equal(served.active, span.spanId);
    // What socket.io's attach() does (this test file is not instrumented): its own listener in front, the app behind it.
    const [original] = server.listeners('request') as http.RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req, res) => (req.url === '/engine' ? res.end('engine') : original!.call(server, req, res)));
    memory.clear();
    assert.equal((await request(`${url}/engine`)).body, 'engine');
    const engine = await onlyServerSpan(memory);
    assert.equal(engine.operationName, 'GET');
    assert.equal(engine.tags.component, 'http');
    memory.clear();
    await request(`${url}/users/4`);
    const user = await onlyServerSpan(memory);
    assert.equal(user.operationName, 'GET /users/:id');
    assert.equal(user.tags.component, 'express');
  } finally {
    await close(server);
  }
});

/**
 * node:http specifics of the server hook: one span per keep-alive and per
 * pipelined request, the caller's trace continued (or a new one for a
 * malformed header), header tags, ignored paths, the time cap, and a wrapped
 * listener that still looks like the original to the server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { init, instrumentRequestListener } from 'spanweave/runtime';
import { close, listen, onlyServerSpan, recordSpans, request, serverSpans } from './support/http-server-harness';
import { serverRequestState } from '../runtime/hooks/http-server';

const ok: http.RequestListener = (_req, res) => {
  res.setHeader('x-answer', 'yes');
  res.end('ok');
};

async function withServer<T>(listener: http.RequestListener, run: (url: string, server: http.Server) => Promise<T>): Promise<T> {
  const server = http.createServer(instrumentRequestListener(listener));
  const url = await listen(server);
  try {
    return await run(url, server);
  } finally {
    await close(server);
  }
}

test('keep-alive: each request on one connection gets its own span', async () => {
  const memory = recordSpans();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string) =>
    new Promise<void>((resolve, reject) => http.get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject));
  const spans = await withServer(ok, async (url) => {
    await get(`${url}/first`);
    await get(`${url}/second`);
    return serverSpans(memory, 2);
  });
  agent.destroy();
  assert.deepEqual(spans.map((s) => s.tags['http.url']).sort(), ['/first', '/second']);
  assert.equal(spans[0]!.tags['peer.port'], spans[1]!.tags['peer.port'], 'one connection');
  assert.notEqual(spans[0]!.traceId, spans[1]!.traceId);
});

test('an answered request is let go: the hook forgets it once the response is done', async () => {
  // White-box on purpose: V8's scavenger keeps the value of a WeakMap entry
  // whose key is young, and the state leads back to the request, so a kept
  // entry made every request's objects outlive the young generation. WeakRefs
  // cannot show that here: a plain server's requests outlived young-generation
  // collections (`gc({ type: 'minor' })`) as well when we tried.
  recordSpans();
  const seen: http.IncomingMessage[] = [];
  const statesWhileOpen: unknown[] = [];
  await withServer(
    (req, res) => {
      seen.push(req);
      statesWhileOpen.push(serverRequestState(req));
      ok(req, res);
    },
    async (url) => {
      await request(`${url}/answered`);
    },
  );
  assert.equal(seen.length, 1);
  assert.notEqual(statesWhileOpen[0], undefined, 'known while it is answered');
  assert.equal(serverRequestState(seen[0]!), undefined, 'forgotten once answered');
});

test('pipelined requests written at once each get their own span', async () => {
  const memory = recordSpans();
  const spans = await withServer(ok, async (url) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    assert.equal(received.match(/HTTP\/1\.1 200 OK/g)?.length, 2);
    return serverSpans(memory, 2);
  });
  assert.deepEqual(spans.map((s) => s.tags['http.url']).sort(), ['/one', '/two']);
});

test('a valid traceparent continues the caller\'s trace', async () => {
  const memory = recordSpans();
  const span = await withServer(ok, async (url) => {
    await request(url, { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    return onlyServerSpan(memory);
  });
  assert.equal(span.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.equal(span.parentId, '00f067aa0ba902b7');
});

test('a malformed traceparent starts a new trace, and the request is answered as usual', async () => {
  const memory = recordSpans();
  const { response, span } = await withServer(ok, async (url) => {
    const response = await request(url, { headers: { traceparent: '00-not-a-trace-id-at-all-zz' } });
    return { response, span: await onlyServerSpan(memory) };
  });
  assert.equal(response.status, 200);
  assert.equal(span.parentId, undefined);
  assert.match(span.traceId, /^[0-9a-f]{32}$/);
});

test('header tags: the named headers, never Authorization or Cookie', async () => {
  const memory = recordSpans({ requestHeaders: ['X-Request-Id', 'Authorization', 'Cookie'], responseHeaders: ['x-answer', 'set-cookie'] });
  const span = await withServer(ok, async (url) => {
    await request(url, { headers: { 'x-request-id': 'r-1', authorization: 'Bearer secret', cookie: 'sid=secret' } });
    return onlyServerSpan(memory);
  });
  assert.equal(span.tags['http.request.header.x-request-id'], 'r-1');
  assert.equal(span.tags['http.response.header.x-answer'], 'yes');
  assert.equal(JSON.stringify(span).includes('secret'), false);
});

test('ignored paths get no span and are answered as usual', async () => {
  const memory = recordSpans({ ignoreIncomingPaths: ['/health'] });
  await withServer(ok, async (url) => {
    assert.equal((await request(`${url}/health?verbose=1`)).status, 200);
    assert.equal((await request(`${url}/work`)).status, 200);
    await serverSpans(memory, 1);
  });
  assert.deepEqual(memory.spans().map((s) => s.tags['http.url']), ['/work']);
});

test('a request the app never answers is finished at the time cap', async () => {
  const memory = recordSpans({ serverSpanTimeoutMs: 20 });
  const span = await withServer(() => undefined, async (url) => {
    const client = http.get(url);
    client.on('error', () => undefined);
    const [span] = await serverSpans(memory, 1);
    client.destroy();
    return span!;
  });
  assert.equal(span.tags['spanweave.timeout'], true);
  assert.equal(span.tags['http.status_code'], undefined);
});

test('the wrapped listener still looks like the original to the server', async () => {
  recordSpans();
  const server = http.createServer();
  server.on('request', instrumentRequestListener(ok));
  assert.deepEqual(server.listeners('request'), [ok]);
  assert.equal(instrumentRequestListener(ok), instrumentRequestListener(ok), 'one wrapper per listener');
  server.removeListener('request', ok);
  assert.equal(server.listenerCount('request'), 0);
  assert.equal(instrumentRequestListener(undefined), undefined);
});

test('tracing off: no span, the same answer', async () => {
  const memory = recordSpans();
  init({ enabled: false, reporters: [memory] });
  await withServer(ok, async (url) => {
    assert.equal((await request(url)).body, 'ok');
  });
  assert.equal(memory.spans().length, 0);
});

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Agent, Client, Pool, request, stream } from 'undici';
import { httpClientCall } from 'spanweave/runtime';
import { startTestServer, type TestServer } from './support/http-client-server';
import { assertPropagated, finishedClientSpans, setUpTracing, traceparentIds, underParent } from './support/http-client-tracing';

// undici's request and stream through the hook, against a real server.
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(() => setUpTracing());

type Data = Awaited<ReturnType<typeof request>>;

test('request: a client span when the promise settles, headers in a copy of the options', async () => {
  const options = { method: 'POST' as const, headers: { 'x-caller': '1' }, body: 'x' };
  const { value: data, parent } = await underParent(() => httpClientCall('undici.request', undefined, request, `${server.origin}/status/201?r`, options) as Promise<Data>);
  assert.equal(data.statusCode, 201);
  assert.equal(await data.body.text(), 'status 201');
  assert.deepEqual(options.headers, { 'x-caller': '1' });
  const [span] = await finishedClientSpans();
  assert.equal(span!.operationName, 'POST');
  assert.equal(span!.tags.component, 'undici');
  assert.equal(span!.tags['http.status_code'], 201);
  assert.equal(span!.tags['peer.hostname'], '127.0.0.1');
  assertPropagated(span!, parent, server.headersAt('/status/201?r').traceparent);
  assert.equal(server.headersAt('/status/201?r')['x-caller'], '1');
});

test('request with a flat header list and a { origin, path } URL; 5xx is an error', async () => {
  const data = (await httpClientCall('undici.request', undefined, request, { origin: server.origin, path: '/status/503?f' }, { headers: ['x-flat', '1'] })) as Data;
  await data.body.dump();
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags.error, true);
  assert.equal(server.headersAt('/status/503?f')['x-flat'], '1');
  traceparentIds(server.headersAt('/status/503?f').traceparent);
});

test('request: refused is an error, an aborted signal is aborted', async () => {
  await assert.rejects(httpClientCall('undici.request', undefined, request, `${server.refusedOrigin}/`) as Promise<Data>, { code: 'ECONNREFUSED' });
  const controller = new AbortController();
  const pending = httpClientCall('undici.request', undefined, request, `${server.origin}/hang`, { signal: controller.signal }) as Promise<Data>;
  setImmediate(() => controller.abort());
  await assert.rejects(pending);
  const [refused, aborted] = await finishedClientSpans(2);
  assert.equal(refused!.tags.error, true);
  assert.equal(aborted!.tags['http.aborted'], true);
});

test('request in the callback form finishes at the callback', async () => {
  const data = await new Promise<Data>((resolve, reject) =>
    httpClientCall('undici.request', undefined, request, `${server.origin}/status/200?cb`, (error: unknown, result: Data) => (error ? reject(error) : resolve(result))),
  );
  await data.body.dump();
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.status_code'], 200);
});

test('stream: the factory is called as given, the status read from it', async () => {
  let text = '';
  const sink = () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
  await httpClientCall('undici.stream', undefined, stream, `${server.origin}/stream`, { method: 'GET' }, sink);
  assert.equal(text.split('\n').length, 6);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.status_code'], 200);
  traceparentIds(server.headersAt('/stream').traceparent);
});

test('request: 4xx is tagged and not an error; a headers timeout is an error', async () => {
  const data = (await httpClientCall('undici.request', undefined, request, `${server.origin}/status/404?u404`)) as Data;
  await data.body.dump();
  await assert.rejects(httpClientCall('undici.request', undefined, request, `${server.origin}/hang`, { headersTimeout: 20 }) as Promise<Data>, {
    code: 'UND_ERR_HEADERS_TIMEOUT',
  });
  const [notFound, timedOut] = await finishedClientSpans(2);
  assert.equal(notFound!.tags['http.status_code'], 404);
  assert.equal(notFound!.tags.error, undefined);
  assert.equal(timedOut!.tags.error, true);
});

test("a Client's request: the URL is the client's origin and the path; headers in a copy of the options", async () => {
  const client = new Client(server.origin);
  try {
    const options = { method: 'PUT' as const, path: '/status/201?client', headers: { 'x-caller': '1' }, body: 'x' };
    const { value: data, parent } = await underParent(() => httpClientCall('undici.dispatcher.request', client, client.request, options) as Promise<Data>);
    assert.equal(await data.body.text(), 'status 201');
    assert.deepEqual(options.headers, { 'x-caller': '1' });
    const [span] = await finishedClientSpans();
    assert.equal(span!.operationName, 'PUT');
    assert.equal(span!.tags['http.url'], `${server.origin}/status/201?client`);
    assert.equal(span!.tags['http.status_code'], 201);
    assertPropagated(span!, parent, server.headersAt('/status/201?client').traceparent);
    assert.equal(server.headersAt('/status/201?client')['x-caller'], '1');
  } finally {
    await client.close();
  }
});

test("a Pool's request in the callback form finishes at the callback; an Agent's names its origin in the options", async () => {
  const pool = new Pool(server.origin);
  const agent = new Agent();
  try {
    const pooled = await new Promise<Data>((resolve, reject) =>
      httpClientCall('undici.dispatcher.request', pool, pool.request, { method: 'GET', path: '/status/503?pool' }, (error: unknown, result: Data) =>
        error ? reject(error) : resolve(result),
      ),
    );
    await pooled.body.dump();
    const viaAgent = (await httpClientCall('undici.dispatcher.request', agent, agent.request, { origin: new URL(server.origin), method: 'GET', path: '/status/200?agent' })) as Data;
    await viaAgent.body.dump();
    const [poolSpan, agentSpan] = await finishedClientSpans(2);
    assert.equal(poolSpan!.tags['http.url'], `${server.origin}/status/503?pool`);
    assert.equal(poolSpan!.tags.error, true);
    assert.equal(agentSpan!.tags['http.url'], `${server.origin}/status/200?agent`);
    assert.equal(agentSpan!.tags['http.status_code'], 200);
    traceparentIds(server.headersAt('/status/503?pool').traceparent);
    traceparentIds(server.headersAt('/status/200?agent').traceparent);
  } finally {
    await Promise.all([pool.close(), agent.close()]);
  }
});

test("a dispatcher's refused request is an error, and the caller's error is the one the plain call gives", async () => {
  const client = new Client(server.refusedOrigin);
  try {
    await assert.rejects(httpClientCall('undici.dispatcher.request', client, client.request, { method: 'GET', path: '/' }) as Promise<Data>, { code: 'ECONNREFUSED' });
    const [span] = await finishedClientSpans();
    assert.equal(span!.tags.error, true);
    assert.equal(span!.tags['http.url'], `${server.refusedOrigin}/`);
  } finally {
    await client.close();
  }
});

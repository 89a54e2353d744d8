import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetch as undiciFetch } from 'undici';
import { httpClientCall, init } from 'spanweave/runtime';
import { startTestServer, type TestServer } from './support/http-client-server';
import { assertPropagated, clientSpans, finishedClientSpans, setUpTracing, traceparentIds, underParent } from './support/http-client-tracing';

// The fetch hook called directly, as emitted code calls it, against a real
// server. `recorded` wraps the real fetch to capture what it returned, so the
// tests can check the caller gets that very object.
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(() => setUpTracing());

function recorded(real: typeof fetch = fetch) {
  const results: unknown[] = [];
  const errors: unknown[] = [];
  const fn = (...args: Parameters<typeof fetch>) =>
    real(...args).then(
      (res) => (results.push(res), res),
      (err: unknown) => {
        errors.push(err);
        throw err;
      },
    );
  return { fn, results, errors };
}

const call = (fn: Function, ...args: unknown[]) => httpClientCall('fetch', undefined, fn, ...args) as Promise<Response>;

test('a GET is a client span, child of the active span, and its context reaches the server', async () => {
  const spy = recorded();
  const headers = { 'x-caller': 'yes' };
  const { value: res, parent } = await underParent(() => call(spy.fn, `${server.origin}/status/200?token=secret`, { headers }));
  assert.equal(res, spy.results[0], 'the caller gets the Response fetch made');
  assert.equal(await res.text(), 'status 200');
  const [span] = await finishedClientSpans();
  assert.equal(span!.operationName, 'GET');
  assert.deepEqual(
    { ...span!.tags },
    {
      'span.kind': 'client',
      component: 'fetch',
      'http.method': 'GET',
      'http.url': `${server.origin}/status/200?token=REDACTED`,
      'peer.hostname': '127.0.0.1',
      'peer.port': Number(new URL(server.origin).port),
      'http.status_code': 200,
    },
  );
  const received = server.headersAt('/status/200?token=secret');
  assertPropagated(span!, parent, received.traceparent);
  assert.equal(received['x-caller'], 'yes');
  assert.deepEqual(headers, { 'x-caller': 'yes' }, 'the caller headers object is not mutated');
});

test('every HeadersInit shape and a Request input get the headers; the caller objects stay as they were', async () => {
  const asHeaders = new Headers({ 'x-shape': 'headers' });
  const asPairs: Array<[string, string]> = [['x-shape', 'pairs']];
  const request = new Request(`${server.origin}/status/200?c`, { headers: { 'x-shape': 'request' }, method: 'PUT' });
  await call(fetch, `${server.origin}/status/200?a`, { headers: asHeaders }).then((r) => r.text());
  await call(fetch, `${server.origin}/status/200?b`, { headers: asPairs }).then((r) => r.text());
  await call(fetch, request).then((r) => r.text());
  const [a, b, c] = ['a', 'b', 'c'].map((q) => server.headersAt(`/status/200?${q}`));
  assert.deepEqual([a!['x-shape'], b!['x-shape'], c!['x-shape']], ['headers', 'pairs', 'request']);
  for (const received of [a, b, c]) traceparentIds(received!.traceparent);
  assert.deepEqual([...asHeaders], [['x-shape', 'headers']]);
  assert.deepEqual(asPairs, [['x-shape', 'pairs']]);
  assert.deepEqual([...request.headers], [['x-shape', 'request']]);
  const spans = await finishedClientSpans(3);
  assert.equal(spans[2]!.tags['http.method'], 'PUT');
});

test("the caller's own traceparent wins", async () => {
  const mine = '00-11111111111111111111111111111111-2222222222222222-01';
  await call(fetch, `${server.origin}/status/200`, { headers: { TraceParent: mine } }).then((r) => r.text());
  assert.equal(server.headersAt('/status/200').traceparent, mine);
});

test('4xx is tagged and not an error; 5xx is an error', async () => {
  await call(fetch, `${server.origin}/status/404`).then((r) => r.text());
  await call(fetch, `${server.origin}/status/503`).then((r) => r.text());
  const [notFound, unavailable] = await finishedClientSpans(2);
  assert.equal(notFound!.tags['http.status_code'], 404);
  assert.equal(notFound!.tags.error, undefined);
  assert.equal(unavailable!.tags['http.status_code'], 503);
  assert.equal(unavailable!.tags.error, true);
});

test('a refused connection rejects with the same error and is an error with its cause logged', async () => {
  const spy = recorded();
  const rejection = await call(spy.fn, `${server.refusedOrigin}/`).then(
    () => assert.fail('resolved'),
    (e: unknown) => e,
  );
  assert.equal(rejection, spy.errors[0]);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags.error, true);
  const log = span!.logs.find((l) => l.fields.event === 'error')!;
  assert.match(String(log.fields.message), /ECONNREFUSED/);
});

test('an aborted fetch is tagged aborted, not an error; a timeout is an error', async () => {
  const controller = new AbortController();
  const pending = call(fetch, `${server.origin}/hang`, { signal: controller.signal });
  setImmediate(() => controller.abort());
  await assert.rejects(pending, { name: 'AbortError' });
  await assert.rejects(call(fetch, `${server.origin}/hang`, { signal: AbortSignal.timeout(30) }), { name: 'TimeoutError' });
  const [aborted, timedOut] = await finishedClientSpans(2);
  assert.equal(aborted!.tags['http.aborted'], true);
  assert.equal(aborted!.tags.error, undefined);
  assert.equal(timedOut!.tags.error, true);
});

test('a redirect is followed inside the one span, and each hop carries its context', async () => {
  const res = await call(fetch, `${server.origin}/redirect`);
  assert.equal(await res.text(), 'status 200');
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.status_code'], 200);
  for (const hop of ['/redirect', '/status/200']) assert.equal(traceparentIds(server.headersAt(hop).traceparent).spanId, span!.spanId);
});

test('the span stays open while a large body is unread, and ends when it is read', async () => {
  const res = await call(fetch, `${server.origin}/big`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(clientSpans().length, 0, 'not finished before the body arrived');
  assert.equal((await res.arrayBuffer()).byteLength, 2 * 1024 * 1024);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.aborted'], undefined);
});

test('a streamed body read chunk by chunk ends the span at its end', async () => {
  const res = await call(fetch, `${server.origin}/stream`);
  let text = '';
  for await (const chunk of res.body!) text += Buffer.from(chunk).toString();
  assert.equal(text.split('\n').length, 6);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.status_code'], 200);
});

test('a cancelled body ends the span, tagged aborted', async () => {
  const res = await call(fetch, `${server.origin}/big`);
  await res.body!.cancel();
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['http.aborted'], true);
});

test('an unread body is finished by the time cap, tagged', async () => {
  setUpTracing({ clientSpanTimeoutMs: 30 });
  const res = await call(fetch, `${server.origin}/big`);
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags['spanweave.timeout'], true);
  await res.body!.cancel();
});

test('ignored URLs are neither traced nor given headers', async () => {
  setUpTracing({ ignoreOutgoingUrls: ['/status/204', /never/] });
  await call(fetch, `${server.origin}/status/204`);
  assert.equal(server.headersAt('/status/204').traceparent, undefined);
  assert.equal(clientSpans().length, 0);
});

test("undici's fetch is traced the same way, component undici", async () => {
  const spy = recorded(undiciFetch as unknown as typeof fetch);
  const res = (await httpClientCall('undici.fetch', undefined, spy.fn, `${server.origin}/status/201`, { headers: [['x-u', '1']] })) as Response;
  assert.equal(res, spy.results[0]);
  await res.text();
  const [span] = await finishedClientSpans();
  assert.equal(span!.tags.component, 'undici');
  assert.equal(span!.tags['http.status_code'], 201);
  traceparentIds(server.headersAt('/status/201').traceparent);
});

test('with tracing disabled the hook is the plain call', async () => {
  init({ enabled: false });
  try {
    const spy = recorded();
    const res = await call(spy.fn, `${server.origin}/status/200`);
    assert.equal(res, spy.results[0]);
    await res.text();
    assert.equal(server.headersAt('/status/200').traceparent, undefined);
  } finally {
    setUpTracing();
  }
});

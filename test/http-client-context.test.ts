import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as opentracing from 'opentracing';
import { diagnostics, httpClientCall, init, trace, useTracer } from 'spanweave/runtime';
import { startTestServer, type TestServer } from './support/http-client-server';
import { clientSpans, memory, setUpTracing, traceparentIds } from './support/http-client-tracing';

// What the client hooks carry besides a recorded span: the context of a
// sampled-out trace, another OpenTracing tracer's headers, and faults of
// their own swallowed.
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());
beforeEach(() => setUpTracing());

const fetchVia = (url: string, init?: unknown) => httpClientCall('fetch', undefined, fetch, url, init) as Promise<Response>;

test('a sampled-out trace records nothing and still sends its context, unsampled', async () => {
  init({ reporters: [memory], sampler: 'always_off', propagators: ['tracecontext'] });
  memory.clear();
  await trace('parent', async () => (await fetchVia(`${server.origin}/status/200?unsampled`)).text());
  const sent = server.headersAt('/status/200?unsampled').traceparent;
  assert.equal(Number.parseInt(String(sent).split('-')[3]!, 16) & 1, 0, 'sampled flag off');
  traceparentIds(sent);
  assert.equal(memory.spans().length, 0);
});

test('with useTracer(jaeger-client), the request carries jaeger headers of a jaeger client span', async () => {
  const jaeger = require('jaeger-client') as {
    Tracer: new (service: string, reporter: unknown, sampler: unknown) => opentracing.Tracer & { close(cb?: () => void): void };
    InMemoryReporter: new () => { spans: Array<{ operationName: string; context(): { spanIdStr: string } }> };
    ConstSampler: new (decision: boolean) => unknown;
  };
  const reporter = new jaeger.InMemoryReporter();
  const tracer = new jaeger.Tracer('client-jaeger', reporter, new jaeger.ConstSampler(true));
  try {
    useTracer(tracer);
    await (await fetchVia(`${server.origin}/status/200?jaeger`)).text();
    for (let i = 0; i < 400 && reporter.spans.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const [span] = reporter.spans;
    assert.equal(span?.operationName, 'GET');
    const sent = String(server.headersAt('/status/200?jaeger')['uber-trace-id']);
    assert.equal(sent.split(':')[1], span!.context().spanIdStr);
  } finally {
    tracer.close();
    setUpTracing();
  }
});

test('a fault inside the hook is counted and the call behaves as the plain one', async () => {
  const before = diagnostics().instrumentationFaults;
  const hostile = {
    get headers(): never {
      throw new Error('caller getter');
    },
  };
  // fetch itself reads init.headers and throws the caller's error: so must the hooked call.
  await assert.rejects(fetchVia(`${server.origin}/status/200?hostile`, hostile), { message: 'caller getter' });
  assert.ok(diagnostics().instrumentationFaults > before, 'the hook fault was counted');
  for (let i = 0; i < 400 && clientSpans().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(clientSpans()[0]?.tags.error, true, 'the failed call is still a span');
});

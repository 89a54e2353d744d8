/**
 * End to end with spanweave's own tracer: spans started through init(),
 * trace() and the OpenTracing API reach an OTLP receiver, and the decoded
 * trace keeps the remote parent, trace flags, tracestate, kinds, typed
 * attributes, the exception event and the follows-from link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMAT_HTTP_HEADERS, followsFrom } from 'opentracing';
import { init, shutdown, trace, withSpan, OtlpReporter } from 'spanweave/runtime';
import { startReceiver } from './support/otlp-receiver';

const REMOTE_TRACE = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_SPAN = 'b7ad6b7169203331';

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  test(`${protocol}: a trace made by the real tracer arrives whole`, async () => {
    const receiver = await startReceiver();
    try {
      const tracer = init({
        serviceName: 'orders',
        reporters: [new OtlpReporter({ endpoint: receiver.url, protocol, scheduledDelayMs: 60_000 })],
        propagators: ['tracecontext', 'baggage'],
      })!;
      const remote = tracer.extract(FORMAT_HTTP_HEADERS, {
        traceparent: `00-${REMOTE_TRACE}-${REMOTE_SPAN}-01`,
        tracestate: 'vendor=opaque',
        baggage: 'tenant=acme',
      })!;
      const server = tracer.startSpan('GET /orders/:id', { childOf: remote, tags: { 'span.kind': 'server', 'http.status_code': 500 } });
      const boom = new TypeError('no such order');
      await withSpan(server, () =>
        trace('OrderService.load', async (span) => {
          span.setTag('order.count', 3).setTag('cache.hit', false).setTag('price', 9.5);
          span.log({ event: 'cache-miss', key: 'order:7' });
          await trace('db.query', async () => {
            throw boom;
          }).catch(() => {});
        }),
      );
      tracer.startSpan('audit', { references: [followsFrom(server.context())] }).finish();
      server.finish();
      await shutdown();

      assert.equal(receiver.requests.length, 1);
      const [resourceSpans] = receiver.requests[0]!.decoded.resourceSpans;
      const serviceName = resourceSpans.resource.attributes.find((kv: any) => kv.key === 'service.name');
      assert.deepEqual(serviceName.value, { stringValue: 'orders' });
      const spans: any[] = resourceSpans.scopeSpans[0].spans;
      const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
      assert.deepEqual(Object.keys(byName).sort(), ['GET /orders/:id', 'OrderService.load', 'audit', 'db.query']);
      for (const span of spans) {
        assert.equal(span.traceId, REMOTE_TRACE);
        assert.equal(span.traceState, 'vendor=opaque');
        assert.equal(span.flags & 1, 1, 'sampled flag kept');
        assert.equal(BigInt(span.endTimeUnixNano) >= BigInt(span.startTimeUnixNano), true);
        assert.equal(JSON.stringify(span).includes('acme'), false, 'baggage is not exported');
      }
      const srv = byName['GET /orders/:id'];
      const load = byName['OrderService.load'];
      const db = byName['db.query'];
      const audit = byName['audit'];
      assert.equal(srv.parentSpanId, REMOTE_SPAN);
      assert.equal(srv.kind, 'SPAN_KIND_SERVER');
      assert.deepEqual(srv.attributes, [{ key: 'http.status_code', value: { intValue: '500' } }]);
      assert.equal(load.parentSpanId, srv.spanId);
      assert.equal(load.kind, 'SPAN_KIND_INTERNAL');
      assert.deepEqual(load.attributes, [
        { key: 'order.count', value: { intValue: '3' } },
        { key: 'cache.hit', value: { boolValue: false } },
        { key: 'price', value: { doubleValue: 9.5 } },
      ]);
      assert.deepEqual(load.events.map((e: any) => [e.name, e.attributes]), [['cache-miss', [{ key: 'key', value: { stringValue: 'order:7' } }]]]);
      assert.equal(load.status, undefined);
      assert.equal(db.parentSpanId, load.spanId);
      assert.deepEqual(db.status, { code: 'STATUS_CODE_ERROR', message: 'no such order' });
      assert.equal(db.events.length, 1);
      assert.equal(db.events[0].name, 'exception');
      assert.deepEqual(db.events[0].attributes, [
        { key: 'exception.type', value: { stringValue: 'TypeError' } },
        { key: 'exception.message', value: { stringValue: 'no such order' } },
        { key: 'exception.stacktrace', value: { stringValue: boom.stack } },
      ]);
      // A span that only follows another has it as parent; no link repeats it.
      assert.equal(audit.parentSpanId, srv.spanId);
      assert.equal(audit.links, undefined);
    } finally {
      await receiver.close();
    }
  });
}

test('a span with a parent and a follows-from reference keeps the second as a link', async () => {
  const receiver = await startReceiver();
  try {
    const tracer = init({ serviceName: 'orders', reporters: [new OtlpReporter({ endpoint: receiver.url })] })!;
    const first = tracer.startSpan('first');
    const parent = tracer.startSpan('parent');
    const child = tracer.startSpan('child', { childOf: parent, references: [followsFrom(first.context())] });
    for (const span of [child, parent, first]) span.finish();
    await shutdown();
    const spans: any[] = receiver.requests[0]!.decoded.resourceSpans[0].scopeSpans[0].spans;
    const [c, p, f] = spans;
    assert.equal(c.parentSpanId, p.spanId);
    assert.deepEqual(c.links, [{ traceId: f.traceId, spanId: f.spanId, attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }] }]);
  } finally {
    await receiver.close();
  }
});

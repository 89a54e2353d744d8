// Interoperability with real implementations of the formats: jaeger-client
// (uber-trace-id, uberctx-, and its Zipkin B3 codec) and OpenTelemetry's W3C
// trace context and baggage propagators. Headers go both ways.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as opentracing from 'opentracing';
import * as otel from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TraceContextData } from '../../runtime/model';
import { extractFrom, injectInto, propagatorsByName } from '../../runtime/propagation/index';

// jaeger-client ships no types: the little of it used here.
interface JaegerContext extends opentracing.SpanContext {
  traceIdStr: string;
  spanIdStr: string;
  isSampled(): boolean;
  isDebug(): boolean;
  baggage: Record<string, string>;
}
interface JaegerTracer extends opentracing.Tracer {
  registerInjector(format: string, codec: unknown): void;
  registerExtractor(format: string, codec: unknown): void;
  close(cb?: () => void): void;
}
interface JaegerModule {
  Tracer: new (service: string, reporter: unknown, sampler: unknown, options?: { traceId128bit?: boolean }) => JaegerTracer;
  InMemoryReporter: new () => unknown;
  ConstSampler: new (decision: boolean) => unknown;
  ZipkinB3TextMapCodec: new (options: { urlEncoding?: boolean }) => unknown;
}
const jaeger = require('jaeger-client') as JaegerModule;

const B3_FORMAT = 'zipkin-b3';
function jaegerTracer(traceId128bit: boolean, sampled: boolean): JaegerTracer {
  const tracer = new jaeger.Tracer('interop', new jaeger.InMemoryReporter(), new jaeger.ConstSampler(sampled), { traceId128bit });
  const b3 = new jaeger.ZipkinB3TextMapCodec({ urlEncoding: true });
  tracer.registerInjector(B3_FORMAT, b3);
  tracer.registerExtractor(B3_FORMAT, b3);
  after(() => tracer.close());
  return tracer;
}

const padded = (id: string, length: number): string => id.padStart(length, '0');

for (const traceId128bit of [false, true]) {
  for (const sampled of [true, false]) {
    const bits = traceId128bit ? 128 : 64;
    test(`jaeger-client (${bits}-bit ids, sampled=${sampled}) → spanweave: uber-trace-id and uberctx- baggage`, () => {
      const tracer = jaegerTracer(traceId128bit, sampled);
      const span = tracer.startSpan('op');
      span.setBaggageItem('user', 'alice b:c');
      const headers: Record<string, string> = {};
      tracer.inject(span.context(), opentracing.FORMAT_HTTP_HEADERS, headers);
      const context = span.context() as JaegerContext;
      const extracted = extractFrom(propagatorsByName(['jaeger']), headers);
      assert.equal(extracted?.traceId, padded(context.traceIdStr, 32));
      assert.equal(extracted?.spanId, padded(context.spanIdStr, 16));
      assert.equal(extracted?.traceFlags, sampled ? 1 : 0);
      assert.deepEqual(extracted?.baggage, { user: 'alice b:c' });
    });

    test(`jaeger-client (${bits}-bit ids, sampled=${sampled}) → spanweave: B3 multi headers`, () => {
      const tracer = jaegerTracer(traceId128bit, sampled);
      const span = tracer.startSpan('op');
      const headers: Record<string, string> = {};
      tracer.inject(span.context(), B3_FORMAT, headers);
      const context = span.context() as JaegerContext;
      const extracted = extractFrom(propagatorsByName(['b3multi']), headers);
      assert.equal(extracted?.traceId, padded(context.traceIdStr, 32));
      assert.equal(extracted?.spanId, padded(context.spanIdStr, 16));
      assert.equal(extracted?.traceFlags, sampled ? 1 : 0);
    });
  }
}

const OURS: TraceContextData = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
  baggage: { user: 'alice b:c', n: '1' },
};
const OURS_64: TraceContextData = { ...OURS, traceId: `${'0'.repeat(16)}8448eb211c80319c` };

for (const ours of [OURS, OURS_64]) {
  test(`spanweave → jaeger-client: uber-trace-id and uberctx- (trace id ${ours.traceId})`, () => {
    const headers: Record<string, string> = {};
    injectInto(propagatorsByName(['jaeger']), { ...ours, debug: true }, headers);
    const context = jaegerTracer(true, true).extract(opentracing.FORMAT_HTTP_HEADERS, headers) as JaegerContext;
    assert.equal(padded(context.traceIdStr, 32), ours.traceId);
    assert.equal(context.spanIdStr, ours.spanId);
    assert.equal(context.isSampled(), true);
    assert.equal(context.isDebug(), true);
    assert.deepEqual(context.baggage, { user: 'alice b:c', n: '1' });
  });

  test(`spanweave → jaeger-client: B3 multi headers (trace id ${ours.traceId})`, () => {
    const headers: Record<string, string> = {};
    injectInto(propagatorsByName(['b3multi']), { ...ours, traceFlags: 0 }, headers);
    const context = jaegerTracer(true, true).extract(B3_FORMAT, headers) as JaegerContext;
    assert.equal(padded(context.traceIdStr, 32), ours.traceId);
    assert.equal(context.spanIdStr, ours.spanId);
    assert.equal(context.isSampled(), false);
  });
}

// OpenTelemetry: the SDK's default propagators (W3C trace context and baggage), through the API.
const provider = new NodeTracerProvider();
provider.register();
after(() => provider.shutdown());

test('OpenTelemetry → spanweave: traceparent, tracestate and baggage', () => {
  const spanContext: otel.SpanContext = {
    traceId: OURS.traceId,
    spanId: OURS.spanId,
    traceFlags: otel.TraceFlags.SAMPLED,
    traceState: otel.createTraceState('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'),
  };
  let ctx = otel.trace.setSpanContext(otel.ROOT_CONTEXT, spanContext);
  ctx = otel.propagation.setBaggage(ctx, otel.propagation.createBaggage({ user: { value: 'alice b:c' }, city: { value: 'São Paulo' } }));
  const headers: Record<string, string> = {};
  otel.propagation.inject(ctx, headers);
  assert.deepEqual(extractFrom(propagatorsByName(['tracecontext', 'baggage']), headers), {
    traceId: OURS.traceId,
    spanId: OURS.spanId,
    traceFlags: 1,
    traceState: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    baggage: { user: 'alice b:c', city: 'São Paulo' },
  });
});

test('spanweave → OpenTelemetry: traceparent with the random flag, tracestate and baggage', () => {
  const headers: Record<string, string> = {};
  injectInto(propagatorsByName(['tracecontext', 'baggage']), { ...OURS, traceFlags: 3, traceState: 'k=v', baggage: { user: 'alice b:c', city: 'São Paulo' } }, headers);
  const ctx = otel.propagation.extract(otel.ROOT_CONTEXT, headers);
  const spanContext = otel.trace.getSpanContext(ctx);
  assert.equal(spanContext?.traceId, OURS.traceId);
  assert.equal(spanContext?.spanId, OURS.spanId);
  assert.equal(spanContext?.traceFlags, 3);
  assert.equal(spanContext?.traceState?.serialize(), 'k=v');
  const baggage = otel.propagation.getBaggage(ctx);
  assert.equal(baggage?.getEntry('user')?.value, 'alice b:c');
  assert.equal(baggage?.getEntry('city')?.value, 'São Paulo');
});

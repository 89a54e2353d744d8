import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OtlpReporter, type FinishedSpan } from 'spanweave/runtime';
import { sampleTrace, TRACE_ID } from './support/finished-spans';
import { startReceiver, type Receiver } from './support/otlp-receiver';

const VERSION: string = require('spanweave/package.json').version;

/** The sample trace as a collector decodes it: every field of every span. */
function expectedRequest(stack: string): unknown {
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
  const ns = (micros: number) => `${micros}000`;
  const T0 = 1_764_000_000_000_000;
  const common = { traceId: TRACE_ID, flags: 1 };
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            str('telemetry.sdk.name', 'spanweave'),
            str('telemetry.sdk.language', 'nodejs'),
            str('telemetry.sdk.version', VERSION),
            int('process.pid', process.pid),
            str('process.runtime.name', 'nodejs'),
            str('process.runtime.version', process.versions.node),
            str('process.executable.name', process.title),
            str('deployment.environment', 'test env'),
            str('service.name', 'checkout'),
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'spanweave', version: VERSION },
            spans: [
              {
                ...common,
                spanId: 'a000000000000003',
                parentSpanId: 'a000000000000002',
                name: 'GET',
                kind: 'SPAN_KIND_CLIENT',
                startTimeUnixNano: ns(T0 + 1000),
                endTimeUnixNano: ns(T0 + 6000),
                attributes: [str('http.method', 'GET'), int('http.status_code', 503), int('retry.count', 2), { key: 'ratio', value: { doubleValue: 0.5 } }],
                events: [
                  {
                    timeUnixNano: ns(T0 + 6000),
                    name: 'exception',
                    attributes: [
                      str('exception.type', 'Error'),
                      str('exception.message', 'Service Unavailable'),
                      str('exception.stacktrace', stack),
                    ],
                  },
                ],
                status: { code: 'STATUS_CODE_ERROR', message: 'Service Unavailable' },
              },
              {
                ...common,
                spanId: 'a000000000000002',
                parentSpanId: 'a000000000000001',
                name: 'OrderService.load',
                kind: 'SPAN_KIND_INTERNAL',
                startTimeUnixNano: ns(T0 + 400),
                endTimeUnixNano: ns(T0 + 8500),
                attributes: [str('code.function', 'load'), str('code.namespace', 'OrderService'), int('code.lineno', 12)],
              },
              {
                ...common,
                spanId: 'a000000000000004',
                parentSpanId: 'a000000000000001',
                name: 'render',
                kind: 'SPAN_KIND_INTERNAL',
                startTimeUnixNano: ns(T0 + 10900),
                endTimeUnixNano: ns(T0 + 12100),
                events: [{ timeUnixNano: ns(T0 + 11000), name: 'cache-miss', attributes: [str('key', 'order:7'), int('size', 3)] }],
                links: [{ traceId: TRACE_ID, spanId: 'a000000000000002', attributes: [str('opentracing.ref_type', 'follows_from')] }],
              },
              {
                ...common,
                spanId: 'a000000000000001',
                traceState: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
                flags: 3,
                name: 'GET /orders/:id',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: ns(T0),
                endTimeUnixNano: ns(T0 + 12300),
                attributes: [str('http.method', 'GET'), int('http.status_code', 200), { key: 'sampled', value: { boolValue: true } }],
              },
            ],
          },
        ],
      },
    ],
  };
}

async function exportSample(receiver: Receiver, env: NodeJS.ProcessEnv): Promise<{ spans: FinishedSpan[] }> {
  const reporter = new OtlpReporter({ scheduledDelayMs: 60_000 }, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s%C3%A9cret, x-tenant = acme',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test%20env',
    ...env,
  });
  const spans = sampleTrace();
  for (const span of spans) reporter.report(span);
  await reporter.shutdown();
  return { spans };
}

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  for (const compression of ['none', 'gzip'] as const) {
    test(`${protocol}, ${compression}: a collector decodes every field of the trace with the official definitions`, async () => {
      const receiver = await startReceiver();
      try {
        const { spans } = await exportSample(receiver, { OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_COMPRESSION: compression });
        assert.equal(receiver.requests.length, 1);
        const [request] = receiver.requests;
        assert.equal(request!.method, 'POST');
        assert.equal(request!.path, '/v1/traces');
        assert.equal(request!.headers['content-type'], protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');
        assert.equal(request!.headers['content-encoding'], compression === 'gzip' ? 'gzip' : undefined);
        assert.equal(request!.headers['x-api-key'], 'sécret');
        assert.equal(request!.headers['x-tenant'], 'acme');
        assert.equal(request!.headers['user-agent'], `spanweave/${VERSION}`);
        const stack = spans[0]!.logs[0]!.fields.stack as string;
        assert.deepEqual(request!.decoded, expectedRequest(stack));
      } finally {
        await receiver.close();
      }
    });
  }
}

test('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is, and wins over OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
  const receiver = await startReceiver();
  try {
    await exportSample(receiver, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/custom/path`, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' });
    assert.equal(receiver.requests[0]!.path, '/custom/path');
  } finally {
    await receiver.close();
  }
});

test('spans of several services go out as one resource each', async () => {
  const receiver = await startReceiver();
  try {
    const reporter = new OtlpReporter({ endpoint: receiver.url, protocol: 'http/json' }, {});
    const [a, b] = sampleTrace();
    reporter.report(a!);
    reporter.report({ ...b!, service: 'billing' });
    await reporter.shutdown();
    const names = receiver.requests[0]!.decoded.resourceSpans.map(
      (rs: any) => rs.resource.attributes.find((kv: any) => kv.key === 'service.name').value.stringValue,
    );
    assert.deepEqual(names, ['checkout', 'billing']);
  } finally {
    await receiver.close();
  }
});

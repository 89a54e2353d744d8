/**
 * fixtures/otlp-export, compiled with the real tspc and spanweave's
 * transformer, run with nothing but OTEL_* variables: the trace its
 * instrumented functions make reaches an OTLP receiver, decoded with the
 * official definitions, for both protocols.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { repoRoot, tspcFixture } from './transformer/harness';
import { startReceiver } from './support/otlp-receiver';

const fixture = path.join(repoRoot, 'fixtures', 'otlp-export');

before(() => {
  tspcFixture('otlp-export', 'js');
});

async function runFixture(env: NodeJS.ProcessEnv): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(fixture, 'out', 'js', 'main.js')], {
    env: { ...process.env, OTEL_TRACES_EXPORTER: undefined, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = await once(child, 'exit');
  return code;
}

const attr = (span: any, key: string) => span.attributes?.find((kv: any) => kv.key === key)?.value;

for (const protocol of ['http/protobuf', 'http/json']) {
  test(`${protocol}: the instrumented fixture's trace arrives with nesting, code attributes and the exception`, async () => {
    const receiver = await startReceiver();
    try {
      const code = await runFixture({
        OTEL_SERVICE_NAME: 'orders-fixture',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      });
      assert.equal(code, 0);
      assert.equal(receiver.requests.length, 1);
      const [resourceSpans] = receiver.requests[0]!.decoded.resourceSpans;
      assert.deepEqual(attr(resourceSpans.resource, 'service.name'), { stringValue: 'orders-fixture' });
      const spans: any[] = resourceSpans.scopeSpans[0].spans;
      const named = (name: string) => spans.filter((s) => s.name === name);
      const [handle] = named('handle');
      const loads = named('OrderService.load');
      const queries = named('OrderService.query');
      const totals = named('total');
      assert.ok(handle);
      assert.equal(handle.parentSpanId, undefined);
      assert.equal(loads.length, 2);
      assert.equal(queries.length, 2);
      assert.equal(totals.length, 1);
      assert.equal(new Set(spans.map((s) => s.traceId)).size, 1, 'one trace');
      for (const load of loads) assert.equal(load.parentSpanId, handle.spanId);
      for (const [i, query] of queries.entries()) assert.equal(query.parentSpanId, loads[i].spanId);
      assert.equal(totals[0].parentSpanId, loads[0].spanId);
      for (const span of [handle, ...loads, ...queries, ...totals]) {
        assert.equal(span.kind, 'SPAN_KIND_INTERNAL');
        assert.equal(span.flags & 1, 1);
        assert.ok(BigInt(span.endTimeUnixNano) > BigInt(span.startTimeUnixNano));
      }
      assert.deepEqual(attr(queries[0], 'code.function'), { stringValue: 'query' });
      assert.deepEqual(attr(queries[0], 'code.namespace'), { stringValue: 'OrderService' });
      // Relative to the folder of the tsconfig tspc built with (out/, see above).
      assert.deepEqual(attr(queries[0], 'code.filepath'), { stringValue: '../src/orders.ts' });
      assert.deepEqual(attr(queries[0], 'code.lineno'), { intValue: '9' });
      assert.deepEqual(attr(totals[0], 'code.lineno'), { intValue: '16' });
      // The second order is missing: its query and its load fail with the same error.
      for (const failed of [queries[1], loads[1]]) {
        assert.deepEqual(failed.status, { code: 'STATUS_CODE_ERROR', message: 'no order missing' });
        const [exception] = failed.events;
        assert.equal(exception.name, 'exception');
        assert.deepEqual(attr(exception, 'exception.type'), { stringValue: 'RangeError' });
        assert.deepEqual(attr(exception, 'exception.message'), { stringValue: 'no order missing' });
        assert.match(attr(exception, 'exception.stacktrace').stringValue, /^RangeError: no order missing\n\s+at OrderService\.query/);
      }
      assert.equal(queries[0].status, undefined);
    } finally {
      await receiver.close();
    }
  });
}

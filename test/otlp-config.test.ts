import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOtlpConfig, parseKeyValues } from '../runtime/export/otlp-config';
import { backoff, retryAfterMs } from '../runtime/export/otlp-http';

function quietly<T>(fn: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((w: string | Error) => warnings.push(String(w))) as typeof process.emitWarning;
  try {
    return { value: fn(), warnings };
  } finally {
    process.emitWarning = original;
  }
}

test('defaults are those of the OpenTelemetry specification', () => {
  assert.deepEqual(resolveOtlpConfig({}, {}), {
    url: 'http://localhost:4318/v1/traces',
    headers: {},
    protocol: 'http/protobuf',
    timeoutMs: 10_000,
    compression: 'none',
    maxQueueSize: 2048,
    maxExportBatchSize: 512,
    scheduledDelayMs: 5000,
    exportTimeoutMs: 30_000,
    retryDelayMs: 1000,
    resourceAttributes: {},
    flushOnBeforeExit: true,
    flushOnSigterm: false,
  });
});

test('every variable is read; the traces-specific ones win over the general ones', () => {
  const config = resolveOtlpConfig({}, {
    OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318/',
    OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=2',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
    OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
    OTEL_BSP_MAX_QUEUE_SIZE: '100',
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '500',
    OTEL_BSP_SCHEDULE_DELAY: '250',
    OTEL_BSP_EXPORT_TIMEOUT: '7000',
    OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=shop, deployment.environment=prod%2Ceu',
    SPANWEAVE_FLUSH_ON_SIGTERM: 'true',
  });
  assert.equal(config.url, 'https://collector:4318/v1/traces');
  assert.deepEqual(config.headers, { b: '2' });
  assert.equal(config.protocol, 'http/json');
  assert.equal(config.timeoutMs, 2500);
  assert.equal(config.compression, 'gzip');
  assert.equal(config.maxQueueSize, 100);
  assert.equal(config.maxExportBatchSize, 100, 'a batch is never larger than the queue');
  assert.equal(config.scheduledDelayMs, 250);
  assert.equal(config.exportTimeoutMs, 7000);
  assert.deepEqual(config.resourceAttributes, { 'service.namespace': 'shop', 'deployment.environment': 'prod,eu' });
  assert.equal(config.flushOnSigterm, true);
});

test('typed options win over the environment', () => {
  const config = resolveOtlpConfig(
    { endpoint: 'http://jaeger:4318', protocol: 'http/protobuf', headers: { a: 'option' }, maxQueueSize: 10, resourceAttributes: { x: 1 } },
    { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://ignored/v1/traces', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_HEADERS: 'a=env,b=env', OTEL_BSP_MAX_QUEUE_SIZE: '99', OTEL_RESOURCE_ATTRIBUTES: 'x=env,y=env' },
  );
  assert.equal(config.url, 'http://jaeger:4318/v1/traces');
  assert.equal(config.protocol, 'http/protobuf');
  assert.deepEqual(config.headers, { a: 'option', b: 'env' });
  assert.equal(config.maxQueueSize, 10);
  assert.deepEqual(config.resourceAttributes, { x: 1, y: 'env' });
  assert.equal(resolveOtlpConfig({ url: 'http://h/exact' }, {}).url, 'http://h/exact');
});

test('malformed variables fall back to the defaults with a warning that never quotes a header value', () => {
  const { value: config, warnings } = quietly(() =>
    resolveOtlpConfig({}, {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'brotli',
      OTEL_EXPORTER_OTLP_TIMEOUT: '-5',
      OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%ZZsecret,=x,ok=1',
    }),
  );
  assert.equal(config.protocol, 'http/protobuf');
  assert.equal(config.compression, 'none');
  assert.equal(config.timeoutMs, 10_000);
  assert.equal(config.maxQueueSize, 2048);
  assert.deepEqual(config.headers, { ok: '1' });
  assert.equal(warnings.length, 6);
  assert.ok(warnings.every((w) => !w.includes('secret')));
});

test('parseKeyValues trims keys and values and percent-decodes values', () => {
  assert.deepEqual(parseKeyValues(' a = b%20c ,, d=e=f ', 'X'), { a: 'b c', d: 'e=f' });
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4000), 6000);
  assert.equal(retryAfterMs('soon'), undefined);
  assert.equal(retryAfterMs(undefined), undefined);
});

test('backoff doubles from the base, stays under 5 s, with jitter in the upper half', () => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const ceiling = Math.min(5000, 1000 * 2 ** attempt);
    const wait = backoff(1000, attempt);
    assert.ok(wait >= ceiling / 2 && wait <= ceiling, `attempt ${attempt}: ${wait}`);
  }
});

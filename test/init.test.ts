import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as opentracing from 'opentracing';
import { diagnostics, init, MemoryReporter, shutdown, SpanweaveConfigError, trace, Tracer, useTracer, type Reporter } from 'spanweave/runtime';
import { optionsFromEnv, defaultReporterNames } from '../runtime/config-env';
import { httpOptions } from '../runtime/hooks/http-options';
import { currentTracer, tracing } from '../runtime/tracing';

/** Runs a script in a fresh Node with only the given OTEL variables, and returns its JSON output. */
function runWithEnv(env: Record<string, string>, script: string): unknown {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_') && !key.startsWith('SPANWEAVE_')));
  const out = execFileSync(process.execPath, ['-e', script], { env: { ...clean, ...env }, cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

test('the environment sets the options it names, and nothing else', () => {
  assert.deepEqual(optionsFromEnv({}), {});
  assert.deepEqual(
    optionsFromEnv({
      OTEL_SDK_DISABLED: 'TRUE',
      OTEL_SERVICE_NAME: ' checkout ',
      OTEL_TRACES_EXPORTER: 'console, jsonl,,',
      OTEL_TRACES_SAMPLER: 'traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_PROPAGATORS: 'b3multi,jaeger',
    }),
    {
      enabled: false,
      serviceName: 'checkout',
      reporters: ['console', 'jsonl'],
      sampler: 'traceidratio',
      samplerArg: '0.25',
      propagators: ['b3multi', 'jaeger'],
    },
  );
  assert.deepEqual(optionsFromEnv({ OTEL_SDK_DISABLED: 'false', OTEL_SERVICE_NAME: '  ', OTEL_TRACES_EXPORTER: ' , ' }), {});
});

test('with nothing configured, no reporter; with an OTLP endpoint, otlp', () => {
  assert.deepEqual(defaultReporterNames({}), []);
  assert.deepEqual(defaultReporterNames({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), ['otlp']);
  assert.deepEqual(defaultReporterNames({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }), ['otlp']);
});

test('OTEL_SDK_DISABLED=true makes everything a no-op, without init()', () => {
  const result = runWithEnv(
    { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'console' },
    `const rt = require('spanweave/runtime');
     const value = rt.trace('x', () => 5);
     console.log(JSON.stringify({ value, d: rt.diagnostics() }));`,
  ) as { value: number; d: { spansStarted: number } };
  assert.equal(result.value, 5);
  assert.equal(result.d.spansStarted, 0);
});

test('without init(), the environment alone configures the tracer: service, exporter, file, propagators, sampler', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'spanweave-init-')), 'spans.jsonl');
  const result = runWithEnv(
    {
      OTEL_SERVICE_NAME: 'from-env',
      OTEL_TRACES_EXPORTER: 'jsonl',
      SPANWEAVE_JSONL_FILE: file,
      OTEL_PROPAGATORS: 'b3',
      OTEL_TRACES_SAMPLER: 'traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '1',
    },
    `const rt = require('spanweave/runtime');
     const headers = {};
     rt.trace('root', (span) => rt.trace('child', (child) => child.tracer().inject(child, 'http_headers', headers)));
     rt.shutdown().then(() => console.log(JSON.stringify(headers)));`,
  ) as Record<string, string>;
  const spans = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(spans.map((s) => [s.operationName, s.service]), [['child', 'from-env'], ['root', 'from-env']]);
  assert.deepEqual(Object.keys(result), ['b3']);
  assert.equal(result.b3, `${spans[0].traceId}-${spans[0].spanId}-1`);
});

test('a sampler given by name: always_off samples every new trace out', () => {
  init({ sampler: 'always_off', reporters: [] });
  trace('never', () => trace('child', () => {}));
  assert.deepEqual([diagnostics().spansStarted, diagnostics().spansSampledOut], [0, 1]);
});

test('init options win over the environment, and init applies the http options', () => {
  const memory = new MemoryReporter();
  process.env.OTEL_SERVICE_NAME = 'env-name';
  try {
    const tracer = init({ serviceName: 'option-name', reporters: [memory], http: { requestHeaders: ['X-Request-Id'] } });
    assert.equal(tracer?.serviceName, 'option-name');
    assert.deepEqual(httpOptions().requestHeaders, ['x-request-id']);
    assert.equal(init({ serviceName: undefined, reporters: [] })?.serviceName, 'env-name');
  } finally {
    delete process.env.OTEL_SERVICE_NAME;
  }
});

test('init({ enabled: false }) turns tracing off; init() turns it on again', () => {
  assert.equal(init({ enabled: false }), undefined);
  assert.equal(tracing.on, false);
  assert.ok(init());
  assert.equal(tracing.on, true);
});

test('a bad option is a SpanweaveConfigError that names it and quotes the value', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ serviceName: '' }, /^spanweave: init option serviceName must be a non-empty string, got ""$/],
    [{ reporters: ['console', 42] }, /reporters\[1\] must be reporter names or objects with report\(\), got 42/],
    [{ limits: { maxTags: -1 } }, /limits\.maxTags must be a non-negative number, got -1/],
    [{ limits: { maxTag: 3 } }, /limits\.maxTag must be one of maxTags, maxLogs, maxValueLength/],
    [{ servicename: 'x' }, /init option servicename must be one of enabled, serviceName/],
    [{ sampler: 7 }, /sampler must be a sampler name or an object with shouldSample\(\), got 7/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => init(options as never), (error: unknown) => error instanceof SpanweaveConfigError && message.test(error.message));
  }
});

test('init() again shuts down the earlier reporters it does not reuse; shutdown() flushes', async () => {
  const calls: string[] = [];
  const recorder = (name: string): Reporter => ({
    report: () => {},
    flush: async () => void calls.push(`${name}.flush`),
    shutdown: async () => void calls.push(`${name}.shutdown`),
  });
  const kept = recorder('kept');
  init({ reporters: [kept, recorder('dropped')] });
  init({ reporters: [kept] });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(calls, ['dropped.shutdown']);
  await shutdown();
  assert.deepEqual(calls, ['dropped.shutdown', 'kept.shutdown']);
});

test('diagnostics counts started, finished, sampled out, double finishes, faults; init resets them', () => {
  init({ reporters: [{ report: () => { throw new Error('bad reporter'); } }] });
  trace('a', (span) => {
    span.finish();
  });
  init({ reporters: [], sampler: { description: 'never', shouldSample: () => false } });
  trace('b', () => {});
  const d = diagnostics();
  assert.equal(d.spansStarted, 0);
  assert.equal(d.spansSampledOut, 1);
  init({ reporters: [{ report: () => { throw new Error('bad reporter'); } }], sampler: { description: 'broken', shouldSample: () => { throw new Error('x'); } } });
  trace('c', () => {});
  assert.equal(diagnostics().instrumentationFaults, 1);
  assert.deepEqual(diagnostics().faultsByPlace, { sampler: 1 });
  init({ reporters: [{ report: () => { throw new Error('bad reporter'); } }] });
  trace('d', (span) => span.finish());
  const after = diagnostics();
  assert.deepEqual([after.spansStarted, after.spansFinished, after.doubleFinishes, after.reporterErrors], [1, 1, 1, 1]);
});

test('useTracer() without an argument follows the opentracing global tracer', () => {
  const mock = new opentracing.MockTracer();
  opentracing.initGlobalTracer(mock);
  useTracer();
  trace('global', () => {});
  assert.deepEqual(mock.report().spans.map((s) => s.operationName()), ['global']);
  useTracer(new Tracer());
  assert.ok(currentTracer() instanceof Tracer);
  assert.throws(() => useTracer({} as never), SpanweaveConfigError);
});

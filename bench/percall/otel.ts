import { trace } from '@opentelemetry/api';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { wrappedSubject, type Subject } from './subject';

/** Takes every batch and drops it: the benchmark measures the tracer, not a wire. */
export const noopExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 /* ExportResultCode.SUCCESS */ }),
  shutdown: () => Promise.resolve(),
};

/**
 * The subject wrapped by hand with OpenTelemetry's `startActiveSpan`, on the
 * Node SDK's tracer provider (AsyncLocalStorage context manager) with a
 * BatchSpanProcessor, as its documentation sets it up.
 */
export function otelSubject(sampled: boolean): Subject {
  const provider = new NodeTracerProvider({
    sampler: sampled ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    spanProcessors: [new BatchSpanProcessor(noopExporter)],
  });
  provider.register();
  const tracer = trace.getTracer('spanweave-bench');
  return wrappedSubject(
    (name, fn) =>
      tracer.startActiveSpan(name, (span) => {
        try {
          return fn();
        } finally {
          span.end();
        }
      }),
    (name, fn) =>
      tracer.startActiveSpan(name, async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      }),
  );
}

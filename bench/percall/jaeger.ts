import type { Span, Tracer } from 'opentracing';
import { wrappedSubject, type Subject } from './subject';

// jaeger-client ships no types; this is the part of it the benchmark uses.
interface JaegerClient {
  initTracer(config: object, options: object): Tracer;
  NoopReporter: new () => object;
}

/**
 * The subject wrapped by hand with jaeger-client (const sampler, no-op
 * reporter). jaeger-client has no scope manager, so the parent is passed
 * through a variable, the cheapest way there is; it is only right for
 * sequential calls, which is all the benchmark makes.
 */
export function jaegerSubject(): Subject {
  const jaeger = require('jaeger-client') as JaegerClient;
  const quiet = { info() {}, error() {} };
  const tracer = jaeger.initTracer(
    { serviceName: 'spanweave-bench', sampler: { type: 'const', param: 1 } },
    { reporter: new jaeger.NoopReporter(), logger: quiet },
  );
  let current: Span | undefined;
  const start = (name: string) => {
    const parent = current;
    current = tracer.startSpan(name, parent ? { childOf: parent } : {});
    return { span: current, parent };
  };
  return wrappedSubject(
    (name, fn) => {
      const { span, parent } = start(name);
      try {
        return fn();
      } finally {
        current = parent;
        span.finish();
      }
    },
    async (name, fn) => {
      const { span, parent } = start(name);
      try {
        return await fn();
      } finally {
        current = parent;
        span.finish();
      }
    },
  );
}

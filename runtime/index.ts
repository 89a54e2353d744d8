/**
 * `spanweave/runtime`: the tracer and the helpers compiled code calls.
 * Every public name is exported here, explicitly; test/public-api.test.ts pins the list.
 */
export { activeSpan, withSpan } from './scope';
export { trace, type TraceOptions } from './trace';
export { init, shutdown, useTracer } from './init';
export type { InitOptions } from './init-options';
export { SpanweaveConfigError } from './config-error';
export { diagnostics, type Diagnostics } from './diagnostics';
export { MemoryReporter } from './reporters/memory';
export { Tracer, type TracerOptions } from './tracer/tracer';
export { type SpanLimits, DEFAULT_LIMITS } from './tracer/limits';
export type { FinishedSpan, Reporter, SpanLog, SpanReference, TagValue, TraceContextData, Propagator, Sampler } from './model';
export type { HttpOptions } from './hooks/http-options';
export { httpClientCall } from './hooks/http-client';
export { tracing } from './tracing';
export { functionSite, enterFunction, suspend, resume, reenter, failFunction, exitFunction, returned, forAwait } from './hooks/functions';
export { CONTRACT_VERSION, CONTRACT_NAMES, type FunctionDescriptor } from './contract';
export { reportersByName, ConsoleReporter, JsonLinesReporter, OtlpReporter } from './reporters/index';
export type { ConsoleReporterOptions, JsonLinesReporterOptions, OtlpExporterOptions } from './reporters/index';
export { exportDiagnostics } from './export/counters';
export type { ExportDiagnostics } from './export/counters';
// The HTTP server hooks compiled code calls (docs/http.md, "Incoming requests").
export { instrumentRequestListener } from './hooks/http-server';
export { instrumentExpressApp } from './hooks/express';
export { instrumentFastify } from './hooks/fastify';

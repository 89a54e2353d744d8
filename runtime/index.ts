/**
 * `spanweave/runtime`: the tracer and the helpers compiled code calls.
 * Every public name is exported here, explicitly; test/public-api.test.ts pins the list.
 */
export { activeSpan, withSpan } from './scope';
export type { FinishedSpan, Reporter, SpanLog, SpanReference, TagValue, TraceContextData, Propagator, Sampler } from './model';
export { reportersByName, ConsoleReporter, JsonLinesReporter } from './reporters/index';
export type { ConsoleReporterOptions, JsonLinesReporterOptions } from './reporters/index';
export { exportDiagnostics } from './export/counters';
export type { ExportDiagnostics } from './export/counters';

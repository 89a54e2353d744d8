/**
 * `spanweave/runtime`: the tracer and the helpers compiled code calls.
 * Every public name is exported here, explicitly; test/public-api.test.ts pins the list.
 *
 * Every value is exported as a plain data property (`export const`), never
 * with `export { x } from`: TypeScript compiles that to a getter in CommonJS,
 * which puts the whole exports object in V8's dictionary mode, and compiled
 * code reads hooks off this object (`spanweave_1.suspend`) on every call of
 * an async function. A class is exported as a constant and a type of the same
 * name, so it is used as before (`new Tracer()`, `span: Tracer`).
 */
import * as configError from './config-error';
import * as contract from './contract';
import * as diagnosticsModule from './diagnostics';
import * as exportCounters from './export/counters';
import * as expressHooks from './hooks/express';
import * as fastifyHooks from './hooks/fastify';
import * as functionHooks from './hooks/functions';
import * as httpClient from './hooks/http-client';
import * as nestHttpClient from './hooks/http-client-nest';
import * as httpServer from './hooks/http-server';
import * as koaHooks from './hooks/koa';
import * as nestHooks from './hooks/nest';
import * as initModule from './init';
import * as memoryReporter from './reporters/memory';
import * as reporters from './reporters/index';
import * as scope from './scope';
import * as traceModule from './trace';
import * as tracerModule from './tracer/tracer';
import * as limits from './tracer/limits';
import * as tracingModule from './tracing';

export const { activeSpan, withSpan } = scope;
export const { trace } = traceModule;
export type { TraceOptions } from './trace';
export const { init, shutdown, useTracer } = initModule;
export type { InitOptions } from './init-options';
export const SpanweaveConfigError = configError.SpanweaveConfigError;
export type SpanweaveConfigError = configError.SpanweaveConfigError;
export const { diagnostics } = diagnosticsModule;
export type { Diagnostics } from './diagnostics';
export const MemoryReporter = memoryReporter.MemoryReporter;
export type MemoryReporter = memoryReporter.MemoryReporter;
export const Tracer = tracerModule.Tracer;
export type Tracer = tracerModule.Tracer;
export type { TracerOptions } from './tracer/tracer';
export const { DEFAULT_LIMITS } = limits;
export type { SpanLimits } from './tracer/limits';
export type { FinishedSpan, Reporter, SpanLog, SpanReference, TagValue, TraceContextData, Propagator, Sampler } from './model';
export type { HttpOptions } from './hooks/http-options';
export const { httpClientCall } = httpClient;
export const { instrumentNestHttpService } = nestHttpClient;
// What compiled code reads on every instrumented call (docs/contract.md).
export const { tracing } = tracingModule;
export const { functionSite, functionSites, enterFunction, suspend, resume, awaiting, awaited, reenter, failFunction, exitFunction, returned, forAwait, yieldDelegate } = functionHooks;
export const { CONTRACT_VERSION, CONTRACT_NAMES } = contract;
export type { FunctionDescriptor, SiteEntry, SiteOptions } from './contract';
export const { reportersByName } = reporters;
export const ConsoleReporter = reporters.ConsoleReporter;
export type ConsoleReporter = reporters.ConsoleReporter;
export const JsonLinesReporter = reporters.JsonLinesReporter;
export type JsonLinesReporter = reporters.JsonLinesReporter;
export const OtlpReporter = reporters.OtlpReporter;
export type OtlpReporter = reporters.OtlpReporter;
export type { ConsoleReporterOptions, JsonLinesReporterOptions, OtlpExporterOptions } from './reporters/index';
export const { exportDiagnostics } = exportCounters;
export type { ExportDiagnostics } from './export/counters';
// The HTTP server hooks compiled code calls (docs/http.md, "Incoming requests").
export const { instrumentRequestListener, instrumentServer } = httpServer;
export const { instrumentExpressApp } = expressHooks;
export const { instrumentFastify } = fastifyHooks;
export const { instrumentKoaApp } = koaHooks;
export const { instrumentNestApplication } = nestHooks;

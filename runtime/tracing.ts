/**
 * The internal API the hooks and the emitted code use: is tracing on, which
 * tracer is in use, start a span under the active one, tag an error.
 */
import * as opentracing from 'opentracing';
import { disabledByEnv } from './config-env';
import type { TagValue } from './model';
import { countFault, safely } from './safe';
import { activeSpan } from './scope';
import { NonRecordingSpan } from './tracer/non-recording-span';
import { SharedTags } from './tracer/shared-tags';
import { Tracer } from './tracer/tracer';

/**
 * One property read tells emitted code and hooks whether to do anything:
 * false when `OTEL_SDK_DISABLED=true` or after `init({ enabled: false })`.
 */
export const tracing: { on: boolean } = { on: !disabledByEnv(process.env) };

let tracer: opentracing.Tracer | undefined;
/** `tracer` when it is ours, so the hot path takes the fast route without an instanceof check. */
let ownTracer: Tracer | undefined;
let makeDefaultTracer: () => opentracing.Tracer = () => new Tracer();

/**
 * The tracer in use: the one `init()` built or `useTracer()` gave, else the
 * default one, built on first use. A default that fails to build (a fault,
 * counted once) gives way to OpenTracing's no-op tracer, not to a new try
 * at every span.
 */
export function currentTracer(): opentracing.Tracer {
  if (tracer === undefined) setCurrentTracer(safely('tracer.build', makeDefaultTracer) ?? new opentracing.Tracer());
  return tracer!;
}

/** @internal Replaces the tracer in use (`init`, `useTracer`). */
export function setCurrentTracer(next: opentracing.Tracer | undefined): void {
  tracer = next;
  ownTracer = next instanceof Tracer ? next : undefined;
}

/** @internal How the default tracer is built when nothing was configured (config.ts sets it from the environment). */
export function setDefaultTracerFactory(factory: () => opentracing.Tracer): void {
  makeDefaultTracer = factory;
}

/** Options of `startSpanUnderActive` (and `trace`). */
export interface StartOptions {
  /** Tags set when the span starts. */
  tags?: Record<string, TagValue>;
  /** The parent; default: the active span. */
  childOf?: opentracing.Span | opentracing.SpanContext;
  /** Sets the `span.kind` tag. */
  kind?: 'client' | 'server';
}

/**
 * Starts a span whose parent is `options.childOf`, else the active span.
 * Returns undefined when tracing is off, or when the parent is a
 * non-recording span: the active span already carries the context its
 * children would carry. Never throws: a fault is counted and gives undefined.
 */
export function startSpanUnderActive(name: string, options?: StartOptions): opentracing.Span | undefined {
  if (!tracing.on) return undefined;
  if (options === undefined) return startChildSpan(name, activeSpan(), undefined, undefined);
  let parent: opentracing.Span | opentracing.SpanContext | undefined;
  let tags: Record<string, TagValue> | undefined;
  let kind: StartOptions['kind'];
  try {
    ({ tags, kind } = options);
    parent = options.childOf ?? activeSpan();
  } catch (error) {
    countFault('startSpan', error);
    return undefined;
  }
  return startChildSpan(name, parent, tags, kind);
}

/**
 * @internal `startSpanUnderActive` for a caller that has read the active span
 * already (it needs it again to make the new span active). `tags` may be
 * shared ones (an instrumented function's), which a recorded span of ours
 * refers to without copying. Undefined when the parent is a non-recording
 * span; never throws.
 */
export function startChildSpan(
  name: string,
  parent: opentracing.Span | opentracing.SpanContext | undefined,
  tags: SharedTags | Record<string, TagValue> | undefined,
  kind: 'client' | 'server' | undefined,
): opentracing.Span | undefined {
  try {
    // Ours, once built: the hot path, kept small so V8 inlines it into the hooks.
    if (ownTracer !== undefined) return ownTracer.startChild(name, parent, tags, kind);
    return startWithoutOwnTracer(name, parent, tags, kind);
  } catch (error) {
    countFault('startSpan', error);
    return undefined;
  }
}

/** `startChildSpan` before the default tracer is built, or with another OpenTracing tracer. */
function startWithoutOwnTracer(
  name: string,
  parent: opentracing.Span | opentracing.SpanContext | undefined,
  tags: SharedTags | Record<string, TagValue> | undefined,
  kind: 'client' | 'server' | undefined,
): opentracing.Span | undefined {
  const current = currentTracer();
  if (ownTracer !== undefined) return ownTracer.startChild(name, parent, tags, kind);
  if (parent instanceof NonRecordingSpan) return undefined;
  return startForeign(current, name, parent, tags instanceof SharedTags ? tags.values : tags, kind);
}

/** Another OpenTracing tracer (useTracer): through its public API only. */
function startForeign(
  current: opentracing.Tracer,
  name: string,
  parent: opentracing.Span | opentracing.SpanContext | undefined,
  given: Readonly<Record<string, TagValue>> | undefined,
  kind: 'client' | 'server' | undefined,
): opentracing.Span {
  const tags: Record<string, TagValue> = { ...given };
  if (kind !== undefined) tags['span.kind'] = kind;
  return current.startSpan(name, { childOf: parent, tags });
}

/**
 * Marks a span as failed, as OpenTracing's conventions say: `error=true` and
 * an `error` log with `event`, `error.kind`, `error.object`, `message` and
 * `stack`. Reading the error's properties cannot throw into the caller.
 */
export function tagError(span: opentracing.Span, error: unknown): void {
  safely('tagError', () => {
    span.setTag('error', true);
    span.log(errorFields(error));
  });
}

function errorFields(error: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { event: 'error', 'error.kind': errorKind(error), 'error.object': error };
  const message = safely('tagError.message', () => (error instanceof Error ? error.message : String(error)));
  if (message !== undefined) fields.message = message;
  const stack = safely('tagError.stack', () => (error instanceof Error ? error.stack : undefined));
  if (typeof stack === 'string') fields.stack = stack;
  return fields;
}

/** The error's class name (`TypeError`), or its type when it is not an object (`string`). */
function errorKind(error: unknown): string {
  if (error === null) return 'null';
  if (typeof error !== 'object' && typeof error !== 'function') return typeof error;
  return safely('tagError.kind', () => {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
    return (error as object).constructor?.name || 'Object';
  }) ?? 'Object';
}

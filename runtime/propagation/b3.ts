/**
 * Zipkin's B3: one `b3` header (`b3`), or the `X-B3-*` headers (`b3multi`).
 *
 * - Trace ids are 16 or 32 lowercase hex characters (a 64-bit id is widened
 *   with zeros and written back in 16), span ids 16. Reading is lenient, as
 *   Zipkin's own receivers are: uppercase hex, and ids whose leading zeros
 *   were dropped (jaeger-client's B3 codec writes them so), are accepted and
 *   padded.
 * - Sampling state: `1` accept, `0` deny, `d` debug (accept, and force it
 *   downstream); in the multi form `X-B3-Sampled: 1|0` (old `true|false`
 *   read too) and `X-B3-Flags: 1` for debug. No state with ids means the
 *   sender deferred the decision: the context says so (`samplingDeferred`) and
 *   a parent-based sampler decides as for a root.
 * - A header with only a sampling state (`b3: 0`) carries no ids, so it gives
 *   no parent: a new trace starts and the local sampler decides.
 * - The parent span id (fourth field, `X-B3-ParentSpanId`) is checked when
 *   present but not kept: the receiver's parent is the sender's span.
 * Both names read both forms, the single header first, as senders mix them;
 * they differ in what they write.
 */
import type { CarrierGetter, CarrierSetter, Propagator, TraceContextData } from '../model';
import { isLowerHexId, paddedHexId, shortestTraceId } from './ids';
import { FLAG_SAMPLED } from './tracecontext';
import { trimOws } from './whitespace';

export const B3 = 'b3';
export const X_B3_TRACE_ID = 'x-b3-traceid';
export const X_B3_SPAN_ID = 'x-b3-spanid';
export const X_B3_PARENT_SPAN_ID = 'x-b3-parentspanid';
export const X_B3_SAMPLED = 'x-b3-sampled';
export const X_B3_FLAGS = 'x-b3-flags';

type B3Sampling = Pick<TraceContextData, 'traceFlags' | 'debug' | 'samplingDeferred'>;

const ACCEPT: B3Sampling = { traceFlags: FLAG_SAMPLED };
const DENY: B3Sampling = { traceFlags: 0 };
const DEBUG: B3Sampling = { traceFlags: FLAG_SAMPLED, debug: true };
const DEFERRED: B3Sampling = { traceFlags: 0, samplingDeferred: true };

function ids(traceText: string, spanText: string): Pick<TraceContextData, 'traceId' | 'spanId'> | undefined {
  const traceId = paddedHexId(traceText, 32);
  const spanId = paddedHexId(spanText, 16);
  return traceId !== undefined && spanId !== undefined ? { traceId, spanId } : undefined;
}

const SINGLE_SAMPLING: Readonly<Record<string, B3Sampling>> = { '1': ACCEPT, '0': DENY, d: DEBUG };

/** The ids and sampling state of a `b3` header, or undefined when it has no valid ids. */
export function parseB3Single(header: string | undefined): Partial<TraceContextData> | undefined {
  if (header === undefined) return undefined;
  const fields = trimOws(header).split('-');
  if (fields.length < 2 || fields.length > 4) return undefined;
  const found = ids(fields[0]!, fields[1]!);
  if (found === undefined) return undefined;
  const sampling = fields.length === 2 ? DEFERRED : Object.hasOwn(SINGLE_SAMPLING, fields[2]!) ? SINGLE_SAMPLING[fields[2]!] : undefined;
  if (sampling === undefined) return undefined;
  if (fields.length === 4 && paddedHexId(fields[3]!, 16) === undefined) return undefined;
  return { ...found, ...sampling };
}

const MULTI_SAMPLED: Readonly<Record<string, B3Sampling>> = { '1': ACCEPT, true: ACCEPT, '0': DENY, false: DENY };

/** The ids and sampling state of the `X-B3-*` headers, or undefined when they have no valid ids. */
export function parseB3Multi(get: CarrierGetter): Partial<TraceContextData> | undefined {
  const found = ids(trimmed(get(X_B3_TRACE_ID)), trimmed(get(X_B3_SPAN_ID)));
  if (found === undefined) return undefined;
  const parent = get(X_B3_PARENT_SPAN_ID);
  if (parent !== undefined && paddedHexId(trimmed(parent), 16) === undefined) return undefined;
  if (trimmed(get(X_B3_FLAGS)) === '1') return { ...found, ...DEBUG };
  const sampled = trimmed(get(X_B3_SAMPLED)).toLowerCase();
  // An unknown X-B3-Sampled value is treated as absent: the receiver decides.
  return { ...found, ...(Object.hasOwn(MULTI_SAMPLED, sampled) ? MULTI_SAMPLED[sampled] : DEFERRED) };
}

function trimmed(value: string | undefined): string {
  return value === undefined ? '' : trimOws(value);
}

function extractEither(get: CarrierGetter): Partial<TraceContextData> | undefined {
  return parseB3Single(get(B3)) ?? parseB3Multi(get);
}

function sampledText(context: TraceContextData): string {
  return (context.traceFlags & FLAG_SAMPLED) !== 0 ? '1' : '0';
}

function writable(context: TraceContextData): boolean {
  return isLowerHexId(context.traceId, 32) && isLowerHexId(context.spanId, 16);
}

/** The `b3` propagator: writes the single header. */
export const b3SinglePropagator: Propagator = {
  name: 'b3',
  inject(context: TraceContextData, set: CarrierSetter): void {
    if (!writable(context)) return;
    const ids = `${shortestTraceId(context.traceId)}-${context.spanId}`;
    if (context.debug) set(B3, `${ids}-d`);
    else if (context.samplingDeferred) set(B3, ids);
    else set(B3, `${ids}-${sampledText(context)}`);
  },
  extract: extractEither,
};

/** The `b3multi` propagator: writes the `X-B3-*` headers. */
export const b3MultiPropagator: Propagator = {
  name: 'b3multi',
  inject(context: TraceContextData, set: CarrierSetter): void {
    if (!writable(context)) return;
    set(X_B3_TRACE_ID, shortestTraceId(context.traceId));
    set(X_B3_SPAN_ID, context.spanId);
    // Debug implies accept, so the specification says not to send both.
    if (context.debug) set(X_B3_FLAGS, '1');
    else if (!context.samplingDeferred) set(X_B3_SAMPLED, sampledText(context));
  },
  extract: extractEither,
};

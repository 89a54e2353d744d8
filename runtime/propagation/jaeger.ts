/**
 * Jaeger's native format: `uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}`
 * and one `uberctx-{key}` header per baggage item.
 *
 * - Ids are hex of up to 32 (trace) and 16 (span) characters; Jaeger clients
 *   drop leading zeros, so shorter ids are padded, and either case is read.
 *   A 64-bit trace id is written back in 16 characters.
 * - The parent span id is deprecated: checked as hex when read, written `0`.
 * - Flags: bit 0 sampled, bit 1 debug (which implies sampled).
 * - Some clients URL-encode the whole value (`%3A` for `:`); it is decoded.
 * - Baggage values are URL-encoded when written and decoded when read (a
 *   value that does not decode is kept as sent). Header names are lowercase,
 *   so baggage keys come back lowercase.
 */
import type { CarrierGetter, CarrierKeys, CarrierSetter, Propagator, TraceContextData } from '../model';
import { setEntry } from './baggage';
import { paddedHexId, shortestTraceId, isLowerHexId } from './ids';
import { FLAG_SAMPLED } from './tracecontext';

export const UBER_TRACE_ID = 'uber-trace-id';
export const UBERCTX_PREFIX = 'uberctx-';

const JAEGER_SAMPLED = 0x01;
const JAEGER_DEBUG = 0x02;
const FLAGS = /^[0-9a-fA-F]{1,2}$/;
const PARENT = /^[0-9a-fA-F]{1,16}$/;
/** What may stand in a header name (an HTTP token), so a baggage key can be one. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function decoded(value: string): string | undefined {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The ids and flags of an `uber-trace-id` value, or undefined when it is malformed. */
export function parseUberTraceId(header: string | undefined): Partial<TraceContextData> | undefined {
  const value = header === undefined ? undefined : decoded(header.trim());
  if (value === undefined) return undefined;
  const fields = value.split(':');
  if (fields.length !== 4) return undefined;
  const [traceText, spanText, parentText, flagsText] = fields as [string, string, string, string];
  const traceId = paddedHexId(traceText, 32);
  const spanId = paddedHexId(spanText, 16);
  if (traceId === undefined || spanId === undefined || !PARENT.test(parentText) || !FLAGS.test(flagsText)) return undefined;
  const flags = parseInt(flagsText, 16);
  // Debug forces sampling, whatever the sampled bit says.
  if (flags & JAEGER_DEBUG) return { traceId, spanId, traceFlags: FLAG_SAMPLED, debug: true };
  return { traceId, spanId, traceFlags: flags & JAEGER_SAMPLED ? FLAG_SAMPLED : 0 };
}

function readBaggage(get: CarrierGetter, keys: CarrierKeys): Record<string, string> {
  const baggage: Record<string, string> = {};
  for (const name of keys()) {
    if (!name.startsWith(UBERCTX_PREFIX) || name.length === UBERCTX_PREFIX.length) continue;
    const value = get(name);
    if (value !== undefined) setEntry(baggage, name.slice(UBERCTX_PREFIX.length), decoded(value) ?? value);
  }
  return baggage;
}

function writeBaggage(baggage: Readonly<Record<string, string>>, set: CarrierSetter): void {
  for (const key of Object.keys(baggage)) {
    const value = baggage[key];
    if (!TOKEN.test(key) || typeof value !== 'string') continue;
    try {
      set(UBERCTX_PREFIX + key, encodeURIComponent(value));
    } catch {
      // A value with a lone surrogate cannot be encoded: that item is not sent.
    }
  }
}

/** The `jaeger` propagator. */
export const jaegerPropagator: Propagator = {
  name: 'jaeger',
  inject(context: TraceContextData, set: CarrierSetter): void {
    if (isLowerHexId(context.traceId, 32) && isLowerHexId(context.spanId, 16)) {
      const flags = (context.traceFlags & FLAG_SAMPLED ? JAEGER_SAMPLED : 0) | (context.debug ? JAEGER_DEBUG : 0);
      set(UBER_TRACE_ID, `${shortestTraceId(context.traceId)}:${context.spanId}:0:${flags}`);
    }
    writeBaggage(context.baggage, set);
  },
  extract(get: CarrierGetter, keys: CarrierKeys): Partial<TraceContextData> | undefined {
    const found = parseUberTraceId(get(UBER_TRACE_ID));
    const baggage = readBaggage(get, keys);
    if (Object.keys(baggage).length === 0) return found;
    return { ...found, baggage };
  },
};

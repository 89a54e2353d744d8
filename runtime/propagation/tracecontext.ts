/**
 * W3C Trace Context (levels 1 and 2): the `traceparent` and `tracestate`
 * headers. This is the default format.
 *
 * traceparent is `version-traceid-parentid-flags`, lowercase hex:
 * `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`. Reading follows
 * the specification's processing model:
 * - version `ff`, non-hex or uppercase characters, wrong field lengths, an
 *   all-zero trace id or parent id: the header is ignored (a new trace starts);
 * - version `00` must be exactly 55 characters: anything after it is an error;
 * - a higher version may carry more fields after a dash: the first four are
 *   read, and only the sampled flag is trusted from its flags;
 * - spaces and tabs around the value are allowed.
 * Of version 00's flags, bit 0 (sampled) and bit 1 (random trace id, level 2)
 * are kept, so a continued trace keeps its random flag; other bits are
 * dropped, since we could not honour them when passing the trace on.
 * tracestate is read only along with a valid traceparent.
 */
import type { CarrierGetter, CarrierSetter, Propagator, TraceContextData } from '../model';
import { isLowerHexId } from './ids';
import { parseTraceState } from './tracestate';
import { trimOws } from './whitespace';

export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/** W3C trace-flags bits. */
export const FLAG_SAMPLED = 0x01;
export const FLAG_RANDOM = 0x02;
const KNOWN_FLAGS = FLAG_SAMPLED | FLAG_RANDOM;

const VERSION_00_LENGTH = 55;
const TWO_LOWER_HEX = /^[0-9a-f]{2}$/;
/** The two-character flags field for each combination of the flags we write. */
const FLAGS_TEXT = ['00', '01', '02', '03'];

/** The ids and flags of a traceparent value, or undefined when it is malformed. */
export function parseTraceparent(header: string | undefined): Pick<TraceContextData, 'traceId' | 'spanId' | 'traceFlags'> | undefined {
  if (header === undefined) return undefined;
  const value = trimOws(header);
  if (value.length < VERSION_00_LENGTH) return undefined;
  const version = value.slice(0, 2);
  if (!TWO_LOWER_HEX.test(version) || version === 'ff') return undefined;
  if (value[2] !== '-' || value[35] !== '-' || value[52] !== '-') return undefined;
  const traceId = value.slice(3, 35);
  const spanId = value.slice(36, 52);
  const flagsText = value.slice(53, 55);
  if (!isLowerHexId(traceId, 32) || !isLowerHexId(spanId, 16) || !TWO_LOWER_HEX.test(flagsText)) return undefined;
  const flags = parseInt(flagsText, 16);
  if (version === '00') {
    return value.length === VERSION_00_LENGTH ? { traceId, spanId, traceFlags: flags & KNOWN_FLAGS } : undefined;
  }
  if (value.length > VERSION_00_LENGTH && value[VERSION_00_LENGTH] !== '-') return undefined;
  return { traceId, spanId, traceFlags: flags & FLAG_SAMPLED };
}

/** The version 00 traceparent of a context, or undefined when its ids are not well-formed. */
export function formatTraceparent(context: Pick<TraceContextData, 'traceId' | 'spanId' | 'traceFlags'>): string | undefined {
  if (!isLowerHexId(context.traceId, 32) || !isLowerHexId(context.spanId, 16)) return undefined;
  return `00-${context.traceId}-${context.spanId}-${FLAGS_TEXT[context.traceFlags & KNOWN_FLAGS]}`;
}

/** The `tracecontext` propagator: traceparent and tracestate. */
export const traceContextPropagator: Propagator = {
  name: 'tracecontext',
  inject(context: TraceContextData, set: CarrierSetter): void {
    const traceparent = formatTraceparent(context);
    if (traceparent === undefined) return;
    set(TRACEPARENT, traceparent);
    if (context.traceState) set(TRACESTATE, context.traceState);
  },
  extract(get: CarrierGetter): Partial<TraceContextData> | undefined {
    const parent: Partial<TraceContextData> | undefined = parseTraceparent(get(TRACEPARENT));
    if (parent === undefined) return undefined;
    const traceState = parseTraceState(get(TRACESTATE));
    if (traceState !== undefined) parent.traceState = traceState;
    return parent;
  },
};

/**
 * Propagation: choosing formats by their `OTEL_PROPAGATORS` names, and
 * injecting into / extracting from any supported carrier with them. Nothing
 * here throws: a malformed header, an odd carrier or a failing format is
 * skipped, so a request always proceeds (at worst as a new trace).
 * docs/propagation.md describes each format.
 */
import type { Propagator, TraceContextData } from '../model';
import { countFault } from '../safe';
import { carrierReader, carrierWriter } from './carrier';
import { b3MultiPropagator, b3SinglePropagator } from './b3';
import { baggagePropagator } from './baggage';
import { jaegerPropagator } from './jaeger';
import { traceContextPropagator } from './tracecontext';

export { carrierReader, carrierWriter } from './carrier';
export type { CarrierReader } from './carrier';
export { injectBinary, extractBinary } from './binary';

/** The formats by their `OTEL_PROPAGATORS` names. */
const PROPAGATORS: ReadonlyMap<string, Propagator> = new Map(
  [traceContextPropagator, baggagePropagator, b3SinglePropagator, b3MultiPropagator, jaegerPropagator].map((p) => [p.name, p]),
);

/** The `OTEL_PROPAGATORS` default. */
export const DEFAULT_PROPAGATORS: readonly string[] = ['tracecontext', 'baggage'];

/**
 * The propagators for a list of names (`OTEL_PROPAGATORS`, split on commas),
 * in the order given: extraction tries them in that order. Names are trimmed
 * and case-insensitive; a repeated name counts once; `none` contributes
 * nothing; unknown names are ignored (see {@link unknownPropagatorNames}).
 */
export function propagatorsByName(names: readonly string[]): Propagator[] {
  const chosen = new Set<Propagator>();
  for (const name of names) {
    const propagator = PROPAGATORS.get(name.trim().toLowerCase());
    if (propagator !== undefined) chosen.add(propagator);
  }
  return [...chosen];
}

/** The names in a list that {@link propagatorsByName} does not know, for a configuration warning. */
export function unknownPropagatorNames(names: readonly string[]): string[] {
  return names.filter((name) => {
    const normal = name.trim().toLowerCase();
    return normal !== '' && normal !== 'none' && !PROPAGATORS.has(normal);
  });
}

/**
 * Writes `context` into `carrier` in every given format. A carrier that cannot
 * take entries is left alone; a format that fails is skipped and the fault
 * counted in `diagnostics()`.
 */
export function injectInto(propagators: readonly Propagator[], context: TraceContextData, carrier: unknown): void {
  const set = carrierWriter(carrier);
  if (set === undefined) return;
  for (const propagator of propagators) {
    try {
      propagator.inject(context, set);
    } catch (error) {
      // A carrier that refuses a value (a Headers object rejecting a character) loses that format only.
      countFault(`propagation.inject.${propagator.name}`, error);
    }
  }
}

/**
 * Reads a remote parent from `carrier`: the formats are tried in order and
 * the first that finds well-formed ids wins (ids, flags, tracestate); baggage
 * is merged from every format, the earlier format winning a key found twice.
 * Undefined when no format finds ids (then baggage alone is not returned:
 * a context needs ids).
 */
export function extractFrom(propagators: readonly Propagator[], carrier: unknown): TraceContextData | undefined {
  const reader = carrierReader(carrier);
  let found: Partial<TraceContextData> | undefined;
  let baggage: Record<string, string> | undefined;
  for (const propagator of propagators) {
    const result = tryExtract(propagator, reader.get, reader.keys);
    if (result === undefined) continue;
    // Each format returns new objects, which are taken over rather than copied: an extraction runs on every request.
    if (result.baggage !== undefined) baggage = baggage === undefined ? result.baggage : { ...result.baggage, ...baggage };
    if (found === undefined && result.traceId !== undefined && result.spanId !== undefined) found = result;
  }
  if (found === undefined) return undefined;
  found.traceFlags ??= 0;
  found.baggage = baggage ?? {};
  return found as TraceContextData;
}

function tryExtract(propagator: Propagator, ...args: Parameters<Propagator['extract']>): Partial<TraceContextData> | undefined {
  try {
    return propagator.extract(...args);
  } catch (error) {
    // Formats validate their input and should not throw; if one does, the others still run.
    countFault(`propagation.extract.${propagator.name}`, error);
    return undefined;
  }
}

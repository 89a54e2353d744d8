/**
 * Reading and writing the carriers OpenTracing hands to inject/extract for
 * FORMAT_HTTP_HEADERS and FORMAT_TEXT_MAP: a plain object (Node's
 * IncomingHttpHeaders, with array values, or OutgoingHttpHeaders), a fetch
 * `Headers` (the global one, undici's, or anything with the same methods), or
 * a `Map`. Names are matched case-insensitively; values are written under
 * lowercase names.
 *
 * A header given several times is read as HTTP combines it (RFC 9110 5.3):
 * the values joined with ", ". That is what the formats expect: tracestate and
 * baggage lists concatenate, and a duplicated traceparent becomes malformed,
 * so a new trace starts, as the W3C test suite requires.
 */
import type { CarrierGetter, CarrierSetter } from '../model';

/** What a propagator reads from: one entry by name, and the names present (for prefixed entries like `uberctx-`). */
export interface CarrierReader {
  get: CarrierGetter;
  /** Every entry name, lowercase. */
  keys(): string[];
}

/** The methods of a fetch `Headers` we use; matching by shape accepts undici's class as well as the global one. */
interface HeadersLike {
  get(name: string): string | null;
  set(name: string, value: string): void;
  forEach(fn: (value: string, name: string) => void): void;
}

const EMPTY_READER: CarrierReader = { get: () => undefined, keys: () => [] };

function isHeadersLike(carrier: object): carrier is HeadersLike {
  const h = carrier as Partial<HeadersLike>;
  return typeof h.get === 'function' && typeof h.set === 'function' && typeof h.forEach === 'function';
}

/** One carrier value as a string: arrays and repeated names combined as HTTP does. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string');
    return parts.length === 0 ? undefined : parts.join(', ');
  }
  return undefined;
}

/**
 * A reader over any supported carrier. Anything else (undefined, a string, a
 * number) reads as empty: extraction then finds nothing and a new trace
 * starts. The lowercase index of a Map is built once, on the first read, so a
 * carrier with many headers costs one pass; a plain object is read without
 * one (`plainObjectReader`).
 */
export function carrierReader(carrier: unknown): CarrierReader {
  if (typeof carrier !== 'object' || carrier === null) return EMPTY_READER;
  if (carrier instanceof Map) return indexedReader(() => carrier.entries());
  if (isHeadersLike(carrier)) return headersReader(carrier);
  return plainObjectReader(carrier as Record<string, unknown>);
}

/**
 * A plain object (Node's IncomingHttpHeaders, a text map): an entry is found
 * by comparing the lengths of its names first, so only names as long as the
 * one asked for are lowercased. Lowercasing and indexing every name cost
 * about a microsecond for a browser's request headers, on every request a
 * server takes, for the two or three names a format asks for. Names that
 * differ only by case are combined in the object's order, as the index would.
 */
function plainObjectReader(record: Record<string, unknown>): CarrierReader {
  let names: string[] | undefined;
  return {
    get: (key) => {
      const lower = key.toLowerCase();
      let combined: string | undefined;
      for (const name of (names ??= Object.keys(record))) {
        if (name.length !== lower.length || (name !== lower && name.toLowerCase() !== lower)) continue;
        const value = asText(record[name]);
        if (value !== undefined) combined = combined === undefined ? value : `${combined}, ${value}`;
      }
      return combined;
    },
    keys: () => [...new Set((names ??= Object.keys(record)).filter((name) => asText(record[name]) !== undefined).map((name) => name.toLowerCase()))],
  };
}

function headersReader(headers: HeadersLike): CarrierReader {
  return {
    // fetch Headers are case-insensitive and already combine repeated names.
    get: (key) => headers.get(key) ?? undefined,
    keys: () => {
      const names: string[] = [];
      headers.forEach((_value, name) => names.push(name.toLowerCase()));
      return names;
    },
  };
}

function indexedReader(entries: () => Iterable<[unknown, unknown]>): CarrierReader {
  let index: Map<string, string> | undefined;
  const build = (): Map<string, string> => {
    const built = new Map<string, string>();
    for (const [name, raw] of entries()) {
      if (typeof name !== 'string') continue;
      const value = asText(raw);
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      const seen = built.get(lower);
      built.set(lower, seen === undefined ? value : `${seen}, ${value}`);
    }
    return built;
  };
  return {
    get: (key) => (index ??= build()).get(key.toLowerCase()),
    keys: () => [...(index ??= build()).keys()],
  };
}

/**
 * A writer for a supported carrier, or undefined when the carrier cannot take
 * entries (then nothing is injected). Names are written lowercase, the form
 * HTTP/2 requires and every format's specification recommends.
 */
export function carrierWriter(carrier: unknown): CarrierSetter | undefined {
  if (typeof carrier !== 'object' || carrier === null || Object.isFrozen(carrier)) return undefined;
  if (carrier instanceof Map) return (key, value) => void carrier.set(key.toLowerCase(), value);
  if (isHeadersLike(carrier)) return (key, value) => carrier.set(key.toLowerCase(), value);
  return plainObjectWriter(carrier as Record<string, unknown>);
}

/**
 * Writes into a plain object, first removing an entry of the same name in
 * another case (`TraceParent` given by the caller), so that HTTP never sends
 * the header twice.
 */
function plainObjectWriter(record: Record<string, unknown>): CarrierSetter {
  let names: Map<string, string[]> | undefined;
  const namesByLowercase = (): Map<string, string[]> => {
    const built = new Map<string, string[]>();
    for (const name of Object.keys(record)) {
      const lower = name.toLowerCase();
      built.set(lower, [...(built.get(lower) ?? []), name]);
    }
    return built;
  };
  return (key, value) => {
    const lower = key.toLowerCase();
    for (const name of (names ??= namesByLowercase()).get(lower) ?? []) {
      if (name !== lower) delete record[name];
    }
    names.set(lower, [lower]);
    record[lower] = value;
  };
}

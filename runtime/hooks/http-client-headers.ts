/**
 * Pure helpers that add the injected trace headers to a COPY of the headers a
 * caller gave, in each shape the clients accept. The caller's object is never
 * written to, and a header the caller already set (their own `traceparent`,
 * say) wins over the injected one: names are compared case-insensitively.
 */
import { carrierReader } from '../propagation/carrier';

/** Headers written by a propagator: lowercase names, string values. */
export type InjectedHeaders = Readonly<Record<string, string>>;

/** The injected entries whose names the caller has not set. */
export function missingEntries(injected: InjectedHeaders, callerHas: (lowercaseName: string) => boolean): Array<[string, string]> {
  const missing: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(injected)) {
    if (!callerHas(name.toLowerCase())) missing.push([name, value]);
  }
  return missing;
}

/**
 * A copy of a headers record (Node's OutgoingHttpHeaders, axios headers,
 * undici's record form) with the injected entries added. `undefined` or
 * `null` gives a record of the injected entries only.
 */
export function recordWithHeaders(headers: object | null | undefined, injected: InjectedHeaders): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...headers };
  const reader = carrierReader(headers ?? undefined);
  for (const [name, value] of missingEntries(injected, (n) => reader.get(n) !== undefined)) copy[name] = value;
  return copy;
}

/**
 * A copy of a flat header list (`[name, value, name, value, ...]`, Node's raw
 * headers form, undici's array form) with the injected entries appended.
 */
export function flatListWithHeaders(headers: readonly unknown[], injected: InjectedHeaders): unknown[] {
  const present = new Set<string>();
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (typeof name === 'string') present.add(name.toLowerCase());
  }
  const copy = headers.slice();
  for (const [name, value] of missingEntries(injected, (n) => present.has(n))) copy.push(name, value);
  return copy;
}

/**
 * Headers of a fetch call as `[name, value]` pairs: what `HeadersInit`
 * describes (a record, a list of pairs, a `Headers`, any iterable of pairs),
 * plus the injected entries. Pairs are what every fetch accepts, the global
 * one and undici's, whichever `Headers` class made the caller's object.
 * Throws, as fetch would, when the caller's headers are invalid: the hook
 * then calls fetch with the caller's arguments untouched.
 */
export function fetchHeadersWith(headersInit: unknown, injected: InjectedHeaders): Array<[string, string]> {
  // No headers of the caller's (a plain `fetch(url)`): the injected ones, without a Headers object to validate them.
  if (headersInit === undefined || headersInit === null) return Object.entries(injected);
  const headers = new Headers(headersInit as ConstructorParameters<typeof Headers>[0]);
  for (const [name, value] of missingEntries(injected, (n) => headers.has(n))) headers.set(name, value);
  return [...headers];
}

/**
 * True when axios will send `lowercaseName` from the instance's defaults:
 * `defaults.headers.common`, the method's own defaults, or a top-level
 * string value (how `create({ headers })` stores them).
 */
export function axiosDefaultsSet(defaultHeaders: unknown, method: string, lowercaseName: string): boolean {
  if (typeof defaultHeaders !== 'object' || defaultHeaders === null) return false;
  const all = defaultHeaders as Record<string, unknown>;
  const has = (group: unknown) => typeof group === 'object' && group !== null && carrierReader(group).get(lowercaseName) !== undefined;
  if (has(all.common) || has(all[method.toLowerCase()])) return true;
  const topLevel = carrierReader(all).get(lowercaseName);
  return topLevel !== undefined;
}

/**
 * One header of a request as the caller gave it, by lowercase name: from a
 * record, a `Headers`, a `Map`, a list of pairs or a flat `[name, value, ...]`
 * list. For the `requestHeaders` option.
 */
export function headerIn(headers: unknown, lowercaseName: string): string | undefined {
  if (!Array.isArray(headers)) return carrierReader(headers).get(lowercaseName);
  const pairs = Array.isArray(headers[0]);
  const step = pairs ? 1 : 2;
  for (let i = 0; i < headers.length; i += step) {
    const [name, value] = pairs ? (headers[i] as unknown[]) : [headers[i], headers[i + 1]];
    if (typeof name === 'string' && name.toLowerCase() === lowercaseName) return String(value);
  }
  return undefined;
}

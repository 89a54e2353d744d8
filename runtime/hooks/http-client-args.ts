/**
 * Pure helpers that rebuild a client call's argument list with the trace
 * headers added, in copies: the caller's arguments, options and headers
 * objects are never written to, and every other argument keeps its place.
 * Each returns undefined when the arguments have a shape it cannot copy
 * faithfully; the hook then calls the client with the caller's arguments.
 */
import {
  type InjectedHeaders,
  fetchHeadersWith,
  flatListWithHeaders,
  recordWithHeaders,
} from './http-client-headers';

type Options = Record<string, unknown>;

function isObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null;
}

/** An object literal (or `Object.create(null)`): what a spread copies without losing anything. */
function isPlainObject(value: unknown): value is Options {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A fetch `Request` (the global one or undici's): it carries its own headers. */
function isRequestLike(value: unknown): value is { headers: unknown } {
  return isObject(value) && typeof value.url === 'string' && isObject(value.headers) && typeof value.method === 'string';
}

/**
 * fetch(input, init): `init` copied with `headers` as pairs. Without
 * `init.headers`, a `Request` input's own headers are carried over, since
 * giving `init.headers` replaces them. An `init` that is not a plain object
 * (a class instance whose getters a copy would lose) is left alone.
 */
export function fetchArgsWith(args: readonly unknown[], injected: InjectedHeaders): unknown[] | undefined {
  const [input, init, ...rest] = args;
  if (init !== undefined && init !== null && !isPlainObject(init)) return undefined;
  const given = init?.headers;
  const base = given !== undefined && given !== null ? given : isRequestLike(input) ? input.headers : undefined;
  return [input, { ...init, headers: fetchHeadersWith(base, injected) }, ...rest];
}

/** Node's request options with the headers added: a record, or a raw `[name, value, ...]` list. */
function nodeOptionsWith(options: Options, injected: InjectedHeaders): Options {
  const headers = options.headers;
  return { ...options, headers: Array.isArray(headers) ? flatListWithHeaders(headers, injected) : recordWithHeaders(isObject(headers) ? headers : undefined, injected) };
}

/**
 * `http.request`/`get` in its three forms: (options[, cb]), (url[, cb]) which
 * becomes (url, { headers }[, cb]) as Node merges options over the URL, and
 * (url, options[, cb]).
 */
export function nodeArgsWith(args: readonly unknown[], injected: InjectedHeaders): unknown[] | undefined {
  const [first, second, ...rest] = args;
  if (typeof first === 'string' || first instanceof URL) {
    if (isObject(second)) return [first, nodeOptionsWith(second, injected), ...rest];
    return [first, { headers: { ...injected } }, ...args.slice(1)];
  }
  if (isObject(first)) return [nodeOptionsWith(first, injected), ...args.slice(1)];
  return undefined;
}

/**
 * An axios call with the config at `configIndex` copied and its headers added
 * (`shouldAdd` leaves out what the instance's defaults already set). A
 * missing config becomes `{ headers }`; arguments before it stay as given.
 */
export function axiosArgsWith(
  args: readonly unknown[],
  configIndex: number,
  injected: InjectedHeaders,
  shouldAdd: (lowercaseName: string) => boolean,
): unknown[] | undefined {
  const config = args[configIndex];
  if (config !== undefined && config !== null && !isObject(config)) return undefined;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(injected)) if (shouldAdd(name.toLowerCase())) kept[name] = value;
  const headers = config?.headers;
  const copy = args.slice();
  while (copy.length < configIndex) copy.push(undefined);
  copy[configIndex] = { ...config, headers: recordWithHeaders(isObject(headers) ? headers : undefined, kept) };
  return copy;
}

/** undici's headers option: a record, a flat list, or any iterable of pairs (a `Headers`, a `Map`), made a flat list. */
function undiciHeadersWith(headers: unknown, injected: InjectedHeaders): unknown {
  if (Array.isArray(headers)) return flatListWithHeaders(headers, injected);
  if (isObject(headers) && typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    const flat: unknown[] = [];
    for (const entry of headers as unknown as Iterable<readonly [unknown, unknown]>) flat.push(entry[0], entry[1]);
    return flatListWithHeaders(flat, injected);
  }
  return recordWithHeaders(isObject(headers) ? headers : undefined, injected);
}

/** undici's `request`/`stream`(url, options, ...): options at index 1 copied with the headers added. */
export function undiciArgsWith(args: readonly unknown[], injected: InjectedHeaders): unknown[] | undefined {
  const options = args[1];
  if (typeof options === 'function') return [args[0], { headers: { ...injected } }, ...args.slice(1)];
  if (options !== undefined && options !== null && !isObject(options)) return undefined;
  const copy = args.slice();
  copy[1] = { ...options, headers: undiciHeadersWith(options?.headers, injected) };
  return copy;
}

/** A Dispatcher's `request(options[, callback])`: the options at index 0 copied with the headers added. */
export function dispatcherArgsWith(args: readonly unknown[], injected: InjectedHeaders): unknown[] | undefined {
  const options = args[0];
  if (!isObject(options)) return undefined;
  const copy = args.slice();
  copy[0] = { ...options, headers: undiciHeadersWith(options.headers, injected) };
  return copy;
}

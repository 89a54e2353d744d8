/**
 * Pure helpers that read what an outgoing call targets (method, URL, peer)
 * from the arguments each client takes, exactly as the client reads them, and
 * classify how a call failed. Nothing here touches a socket or a request.
 */

/** What a client span describes about the request. `url` is the full URL, not yet redacted. */
export interface ClientTarget {
  /** Uppercase, as it goes on the wire. */
  method: string;
  url: string;
  /** `url` parsed, when it is an absolute URL: the span's `http.url` is made from it (changing it) rather than parsing again. */
  parsedUrl?: URL;
  hostname?: string;
  port?: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/** Method and URL, with the peer read from the URL. An unparsable URL keeps no peer. */
export function targetOf(method: unknown, url: string): ClientTarget {
  const target: ClientTarget = { method: typeof method === 'string' && method !== '' ? method.toUpperCase() : 'GET', url };
  const parsed = parsedUrl(url);
  if (parsed) {
    target.parsedUrl = parsed;
    target.hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = parsed.port === '' ? DEFAULT_PORTS[parsed.protocol] : Number(parsed.port);
    if (port !== undefined) target.port = port;
  }
  return target;
}

/** The URL `text` names, or undefined when it is not an absolute URL (parsed once: `URL.canParse` then `new URL` parses twice). */
function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[name] : undefined;
}

/** A URL given as a string, a `URL`, or anything with a string `href` or `url` (a `Request`). */
function urlText(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  const url = field(input, 'url') ?? field(input, 'href');
  return typeof url === 'string' ? url : undefined;
}

/** fetch(input, init): the method from `init`, else from a `Request` input, else GET. */
export function fetchTarget(input: unknown, init: unknown): ClientTarget | undefined {
  const url = urlText(input);
  if (url === undefined) return undefined;
  return targetOf(field(init, 'method') ?? field(input, 'method'), url);
}

/**
 * `http.request` / `https.request` / `get`: options, URL (string or `URL`),
 * or URL then options, as Node merges them (the options win over the URL's
 * parts). `module` is the protocol used when nothing names one.
 */
export function nodeRequestTarget(args: readonly unknown[], module: 'http' | 'https'): ClientTarget | undefined {
  const [first, second] = args;
  let url: URL | undefined;
  let options: Record<string, unknown> = {};
  if (typeof first === 'string') {
    url = parsedUrl(first);
    if (url === undefined) return undefined;
  } else if (first instanceof URL) {
    url = first;
  } else if (typeof first === 'object' && first !== null) {
    options = first as Record<string, unknown>;
  } else {
    return undefined;
  }
  if (url && typeof second === 'object' && second !== null) options = second as Record<string, unknown>;
  const protocol = stringOr(options.protocol, url?.protocol ?? `${module}:`);
  const host = stringOr(options.hostname, stringOr(options.host, url?.hostname ?? 'localhost')).replace(/^\[(.*)\]$/, '$1');
  const port = options.port ?? (url?.port || undefined) ?? options.defaultPort;
  const path = stringOr(options.path, url ? url.pathname + url.search : '/');
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const portPart = port === undefined || port === '' || Number(port) === DEFAULT_PORTS[protocol] ? '' : `:${port}`;
  return targetOf(options.method, `${protocol}//${hostPart}${portPart}${path}`);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Where axios finds the config among a call's arguments, and the method the call form implies. */
export interface AxiosCallShape {
  /** The index of the config argument (it may be past the end: the caller gave none). */
  configIndex: number;
  /** The URL given as an argument, if any. */
  url?: string;
  /** The method the call form implies (`post` for `.post`), if any. */
  method?: string;
}

/** Methods called as (url, data, config); the others take (url, config). */
const AXIOS_METHODS_WITH_DATA: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm', 'query']);

/** `axios(config)`, `axios(url, config)`, `.request(...)` (same), `.get(url, config)`, `.post(url, data, config)`... */
export function axiosCallShape(method: string | undefined, args: readonly unknown[]): AxiosCallShape {
  const first = typeof args[0] === 'string' ? args[0] : undefined;
  if (method === undefined || method === 'request') {
    return first === undefined ? { configIndex: 0 } : { configIndex: 1, url: first };
  }
  const wireMethod = method.replace(/Form$/, '');
  return { configIndex: AXIOS_METHODS_WITH_DATA.has(method) ? 2 : 1, url: first, method: wireMethod };
}

/** An axios request's method and full URL (`baseURL` joined as axios joins it; `params` are not shown). */
export function axiosTarget(shape: AxiosCallShape, config: unknown, defaults: unknown): ClientTarget | undefined {
  const url = field(config, 'url') ?? shape.url;
  if (typeof url !== 'string') return undefined;
  const baseURL = field(config, 'baseURL') ?? field(defaults, 'baseURL');
  const full = typeof baseURL === 'string' && baseURL !== '' && !/^([a-z][a-z\d+\-.]*:)?\/\//i.test(url)
    ? `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}`
    : url;
  const method = field(config, 'method') ?? shape.method ?? field(defaults, 'method');
  return targetOf(method, full);
}

/** undici's `request`/`stream(url, options)`: url as a string, a `URL`, or a `{ origin, path }` object. */
export function undiciTarget(url: unknown, options: unknown): ClientTarget | undefined {
  let text = urlText(url);
  const origin = field(url, 'origin');
  if (text === undefined && typeof origin === 'string') {
    const path = field(url, 'path') ?? `${field(url, 'pathname') ?? '/'}${field(url, 'search') ?? ''}`;
    text = `${origin.replace(/\/$/, '')}${String(path)}`;
  }
  return text === undefined ? undefined : targetOf(field(options, 'method'), text);
}

/**
 * A Dispatcher's `request(options)` (a Client, Pool, Agent): `options.origin`,
 * else the origin the Client or Pool was made for, joined with `options.path`.
 */
export function dispatcherTarget(dispatcher: unknown, options: unknown): ClientTarget | undefined {
  const given = field(options, 'origin');
  const origin = given instanceof URL ? given.origin : typeof given === 'string' ? given : dispatcherOrigin(dispatcher);
  const path = field(options, 'path');
  if (origin === undefined || typeof path !== 'string') return undefined;
  return targetOf(field(options, 'method'), `${origin.replace(/\/$/, '')}${path}`);
}

/**
 * undici keeps the origin of a Client and of a Pool as a URL under a symbol
 * described `url`, and exposes it no other way; an Agent has none (each
 * request names its origin).
 */
function dispatcherOrigin(dispatcher: unknown): string | undefined {
  if (typeof dispatcher !== 'object' || dispatcher === null) return undefined;
  const key = Object.getOwnPropertySymbols(dispatcher).find((symbol) => symbol.description === 'url');
  const url = key === undefined ? undefined : (dispatcher as Record<symbol, unknown>)[key];
  return url instanceof URL ? url.origin : undefined;
}

/** How an outgoing call ended without a response. */
export type FailureKind = 'aborted' | 'error';

/** Error codes and names the clients use for a request the caller cancelled. */
const ABORT_CODES: ReadonlySet<string> = new Set(['ERR_CANCELED', 'UND_ERR_ABORTED', 'ABORT_ERR']);

/**
 * A request the caller cancelled (an `AbortSignal`, axios's cancel token,
 * `req.destroy()`) is aborted; anything else, timeouts included, is an error.
 * `signal` is the caller's signal, when the client takes one: a fetch aborted
 * with a reason of the caller's choosing rejects with that very reason.
 */
export function failureKind(error: unknown, signal?: unknown): FailureKind {
  const name = field(error, 'name');
  const code = field(error, 'code');
  if (name === 'TimeoutError') return 'error';
  if (name === 'AbortError' || (typeof code === 'string' && ABORT_CODES.has(code))) return 'aborted';
  if (field(signal, 'aborted') === true && field(signal, 'reason') === error) return 'aborted';
  return 'error';
}

/** fetch rejects with `TypeError: fetch failed` and the real reason (ECONNREFUSED...) as its `cause`: log the cause. */
export function underlyingError(error: unknown): unknown {
  const cause = field(error, 'cause');
  return error instanceof TypeError && cause instanceof Error ? cause : error;
}

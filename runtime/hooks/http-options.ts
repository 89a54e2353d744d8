/**
 * Run-time options of the HTTP client and server hooks, set through
 * `init({ http })`. Each default is the one documented on its field.
 */
export interface HttpOptions {
  /**
   * Outgoing calls whose URL matches are not traced: a string matches when the
   * URL contains it, a RegExp when it tests true. Default: none.
   */
  ignoreOutgoingUrls?: Array<string | RegExp>;
  /** Incoming requests whose path matches are not traced, matched as above. Default: none. */
  ignoreIncomingPaths?: Array<string | RegExp>;
  /**
   * Request headers recorded as `http.request.header.<name>` tags, by name
   * (case-insensitive). Authorization, Cookie and Proxy-Authorization are
   * never recorded. Default: none.
   */
  requestHeaders?: string[];
  /** Response headers recorded as `http.response.header.<name>` tags; Set-Cookie is never recorded. Default: none. */
  responseHeaders?: string[];
  /**
   * Query parameters whose values are replaced by `REDACTED` in `http.url`,
   * by name (case-insensitive). Default: the names in `DEFAULT_REDACTED_QUERY_PARAMS`.
   */
  redactQueryParams?: string[];
  /** A client span still open this long after the request started is finished and tagged `spanweave.timeout=true`. Default: 5 minutes. */
  clientSpanTimeoutMs?: number;
  /** A server span still open this long after the request arrived is finished and tagged `spanweave.timeout=true`. Default: 5 minutes. */
  serverSpanTimeoutMs?: number;
}

/** Query parameters redacted unless `redactQueryParams` says otherwise: the usual names of credentials in URLs. */
export const DEFAULT_REDACTED_QUERY_PARAMS: readonly string[] = [
  'sig',
  'signature',
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'api_key',
  'apikey',
  'key',
  'password',
  'secret',
  'auth',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'awsaccesskeyid',
];

/** Header names whose values never become tags, whatever the options say. */
export const NEVER_RECORDED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** The options in force, with every default filled in and header names lowercased. */
export interface ResolvedHttpOptions {
  ignoreOutgoingUrls: Array<string | RegExp>;
  ignoreIncomingPaths: Array<string | RegExp>;
  requestHeaders: string[];
  responseHeaders: string[];
  redactQueryParams: ReadonlySet<string>;
  clientSpanTimeoutMs: number;
  serverSpanTimeoutMs: number;
}

function resolve(options: HttpOptions): ResolvedHttpOptions {
  const lower = (names: readonly string[]) => names.map((n) => n.toLowerCase());
  return {
    ignoreOutgoingUrls: options.ignoreOutgoingUrls ?? [],
    ignoreIncomingPaths: options.ignoreIncomingPaths ?? [],
    requestHeaders: lower(options.requestHeaders ?? []).filter((n) => !NEVER_RECORDED_HEADERS.has(n)),
    responseHeaders: lower(options.responseHeaders ?? []).filter((n) => !NEVER_RECORDED_HEADERS.has(n)),
    redactQueryParams: new Set(lower(options.redactQueryParams ?? DEFAULT_REDACTED_QUERY_PARAMS)),
    clientSpanTimeoutMs: options.clientSpanTimeoutMs ?? FIVE_MINUTES_MS,
    serverSpanTimeoutMs: options.serverSpanTimeoutMs ?? FIVE_MINUTES_MS,
  };
}

let current: ResolvedHttpOptions = resolve({});

/** Replaces the HTTP options (called by `init`). */
export function configureHttp(options: HttpOptions = {}): void {
  current = resolve(options);
}

/** The HTTP options in force. */
export function httpOptions(): ResolvedHttpOptions {
  return current;
}

/** True when `value` matches one of the patterns (substring for strings, `test` for RegExps). */
export function matchesAny(value: string, patterns: ReadonlyArray<string | RegExp>): boolean {
  for (const pattern of patterns) {
    if (typeof pattern === 'string' ? value.includes(pattern) : pattern.test(value)) return true;
  }
  return false;
}

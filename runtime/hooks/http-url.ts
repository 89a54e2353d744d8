/**
 * Pure helpers that turn URLs and headers into safe tag values, shared by the
 * client and the server hooks. Nothing here touches Node's HTTP objects.
 */
import { NEVER_RECORDED_HEADERS } from './http-options';

const REDACTED = 'REDACTED';

/**
 * The URL as it may appear in `http.url`: user and password removed, the
 * values of the named query parameters replaced by `REDACTED`, the fragment
 * dropped. A string that is not an absolute URL is treated as a path.
 */
export function safeUrl(url: string | URL, redactParams: ReadonlySet<string>): string {
  if (typeof url === 'string' && url.charCodeAt(0) === SLASH) return safePath(url, redactParams);
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return safePath(String(url), redactParams);
  }
  return safeParsedUrl(parsed, redactParams);
}

/** `safeUrl` of a URL parsed already, which it changes: the caller hands over its own copy. */
export function safeParsedUrl(parsed: URL, redactParams: ReadonlySet<string>): string {
  // Each part is assigned only when there is something to remove: every assignment makes the URL serialize itself again.
  if (parsed.username !== '') parsed.username = '';
  if (parsed.password !== '') parsed.password = '';
  if (parsed.hash !== '') parsed.hash = '';
  redactQuery(parsed, redactParams);
  return parsed.href;
}

const SLASH = 0x2f;
const PATH_BASE = 'http://path.invalid';

/**
 * A target in origin form (`/users/42?page=2`), the string a server receives,
 * written as the URL parser would write it: the usual case, a path and query
 * the parser would leave as they are, is answered without a URL object (it
 * cost a failed parse, then a second one, on every request).
 */
function safePath(target: string, redactParams: ReadonlySet<string>): string {
  if (PARSER_KEEPS.test(target) && !DOT_SEGMENT.test(target)) {
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query) + redactSearch(target.slice(query), redactParams);
  }
  let parsed: URL;
  try {
    parsed = new URL(target, PATH_BASE);
  } catch {
    return target.split(/[?#]/, 1)[0] ?? '';
  }
  redactQuery(parsed, redactParams);
  return parsed.pathname + parsed.search;
}

/**
 * A path of characters the URL parser keeps as they are in an http URL's path
 * (no `//` authority, no backslash, nothing it percent-encodes), then an
 * optional non-empty query of characters it keeps there (not `'`), no fragment.
 */
const PARSER_KEEPS = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@/%]*(?:\?[\w\-.~!$&()*+,;=:@/?%]+)?$/;
/** Something the parser may resolve as a `.` or `..` segment (`/./`, `/../`, `%2e`): left to the parser. */
const DOT_SEGMENT = /\/\.|%2e/i;

function redactQuery(url: URL, redactParams: ReadonlySet<string>): void {
  const search = url.search;
  const redacted = redactSearch(search, redactParams);
  // Assigned only when something changed: assigning re-encodes the query.
  if (redacted !== search) url.search = redacted;
}

/**
 * The query (`?a=1&token=x`) with the values of the named parameters replaced.
 * Rebuilt by hand rather than through URLSearchParams, which would re-encode
 * every other parameter and change the URL the user sees.
 */
function redactSearch(search: string, redactParams: ReadonlySet<string>): string {
  if (search === '' || redactParams.size === 0) return search;
  const parts = search.slice(1).split('&');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    let name = rawName.toLowerCase();
    // Decoded only when it is encoded: most names are plain.
    if (name.includes('%') || name.includes('+')) {
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
      } catch {
        // A broken escape: the name as written.
      }
    }
    if (redactParams.has(name)) {
      parts[i] = `${rawName}=${REDACTED}`;
      changed = true;
    }
  }
  return changed ? `?${parts.join('&')}` : search;
}

/** A header value as one string: arrays joined with ", " as HTTP folds them. */
export function headerValue(value: string | number | readonly string[] | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Adds tags for the named headers found through `get` to `tags`, as
 * `<prefix><name>`, and returns `tags`. Authorization, Cookie and Set-Cookie
 * values are never added.
 */
export function addHeaderTags<T extends Record<string, unknown>>(
  tags: T,
  names: readonly string[],
  get: (lowercaseName: string) => string | number | readonly string[] | undefined | null,
  prefix: string,
): T {
  for (const name of names) {
    if (NEVER_RECORDED_HEADERS.has(name)) continue;
    const value = headerValue(get(name));
    if (value !== undefined) (tags as Record<string, unknown>)[prefix + name] = value;
  }
  return tags;
}

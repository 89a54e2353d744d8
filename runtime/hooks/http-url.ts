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
  let parsed: URL;
  let isPath = false;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    try {
      parsed = new URL(String(url), 'http://path.invalid');
      isPath = true;
    } catch {
      return String(url).split(/[?#]/, 1)[0] ?? '';
    }
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  redactQuery(parsed, redactParams);
  return isPath ? parsed.pathname + parsed.search : parsed.href;
}

function redactQuery(url: URL, redactParams: ReadonlySet<string>): void {
  if (url.search === '' || redactParams.size === 0) return;
  // Rebuilt by hand rather than through URLSearchParams, which would
  // re-encode every other parameter and change the URL the user sees.
  const parts = url.search.slice(1).split('&');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
    } catch {
      name = rawName.toLowerCase();
    }
    if (redactParams.has(name)) {
      parts[i] = `${rawName}=${REDACTED}`;
      changed = true;
    }
  }
  if (changed) url.search = `?${parts.join('&')}`;
}

/** A header value as one string: arrays joined with ", " as HTTP folds them. */
export function headerValue(value: string | number | readonly string[] | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Tags for the named headers found through `get`, as `<prefix><name>`.
 * Authorization, Cookie and Set-Cookie values are never returned.
 */
export function headerTags(
  names: readonly string[],
  get: (lowercaseName: string) => string | number | readonly string[] | undefined | null,
  prefix: string,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const name of names) {
    if (NEVER_RECORDED_HEADERS.has(name)) continue;
    const value = headerValue(get(name));
    if (value !== undefined) tags[prefix + name] = value;
  }
  return tags;
}

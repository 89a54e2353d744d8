/**
 * Pure helpers of the server hooks: span names, tags, route templates and the
 * error rule. Nothing here touches Node's HTTP objects, so each is tested
 * directly (test/http-server-tags.test.ts).
 */
import type { TagValue } from '../model';
import { safeUrl } from './http-url';

/** Which part of the stack made or enriched a server span: the `component` tag. */
export type ServerComponent = 'http' | 'express' | 'fastify' | 'koa';

/** What the server hooks read from an incoming request to tag its span. */
export interface IncomingRequestFacts {
  method: string | undefined;
  /** The request target as received: path and query. */
  url: string | undefined;
  remoteAddress: string | undefined;
  remotePort: number | undefined;
}

/** The span name: `METHOD`, or `METHOD /route/:template` once the route is known. */
export function serverSpanName(method: string | undefined, route?: string): string {
  const verb = (method ?? 'GET').toUpperCase();
  return route === undefined ? verb : `${verb} ${route}`;
}

/** The tags a server span starts with. */
export function serverRequestTags(
  facts: IncomingRequestFacts,
  component: ServerComponent,
  redactParams: ReadonlySet<string>,
): Record<string, TagValue> {
  const tags: Record<string, TagValue> = {
    'span.kind': 'server',
    component,
    'http.method': (facts.method ?? 'GET').toUpperCase(),
    'http.url': safeUrl(facts.url ?? '/', redactParams),
  };
  if (facts.remoteAddress !== undefined) tags['peer.address'] = facts.remoteAddress;
  if (facts.remotePort !== undefined) tags['peer.port'] = facts.remotePort;
  return tags;
}

/** The tags a finished response adds: its status, and `error` for a server fault (>= 500). */
export function serverStatusTags(statusCode: number): Record<string, TagValue> {
  return statusCode >= 500 ? { 'http.status_code': statusCode, error: true } : { 'http.status_code': statusCode };
}

/** The path of a request target, without its query or fragment: what `ignoreIncomingPaths` is matched against. */
export function requestPath(url: string | undefined): string {
  if (url === undefined) return '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * A route template from the mount path it was reached through and its own
 * path: `('/api', '/users/:id')` gives `/api/users/:id`, and a route `/` under
 * a mount names the mount itself. Undefined when the route path is not a
 * string (a RegExp or an array of paths has no single template).
 */
export function joinRoute(mountPath: string | undefined, routePath: unknown): string | undefined {
  if (typeof routePath !== 'string') return undefined;
  const base = mountPath === undefined || mountPath === '/' ? '' : mountPath.replace(/\/+$/, '');
  if (base === '') return routePath === '' ? '/' : routePath;
  return routePath === '/' || routePath === '' ? base : base + routePath;
}

/**
 * True when an error that reached the framework's error handling is the
 * server's fault: it carries no HTTP status, or one of 500 and above. An
 * error that carries a 4xx status (not found, validation, http-errors) is the
 * client's, and only the status tag tells of it. Once the response's status
 * has gone out (`sentStatus`), that status decides instead of the error's.
 */
export function isServerFault(error: unknown, sentStatus?: number): boolean {
  let code = sentStatus;
  if (code === undefined && typeof error === 'object' && error !== null) {
    const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
    code = typeof statusCode === 'number' ? statusCode : typeof status === 'number' ? status : undefined;
  }
  return code === undefined || code < 400 || code >= 500;
}

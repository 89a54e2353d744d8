/**
 * The emitted-code contract: the only place where the transformer (and the
 * JavaScript instrumenter) meet the runtime.
 *
 * Compiled code imports `spanweave/runtime` and uses only the names listed in
 * `CONTRACT_NAMES`, passing descriptors of the shapes declared here. Code
 * compiled by one version of the transformer must run on every later runtime
 * with the same major `CONTRACT_VERSION`: add names and optional descriptor
 * fields freely, never change or remove one without a major bump.
 *
 * docs/contract.md explains each entry with the emitted shapes.
 */

/**
 * `major.minor`: the major is bumped on an incompatible change to a name or a
 * descriptor below, the minor when one is added. 1.1 added `functionSites`
 * and `failFunction`'s return value, 1.2 `yieldDelegate`, `awaiting` and
 * `awaited`, 1.3 `instrumentServer`, 1.4 `instrumentNestApplication`,
 * `instrumentNestHttpService` and `instrumentKoaApp`; code compiled for an
 * earlier minor runs unchanged.
 */
export const CONTRACT_VERSION = '1.4';

/** Every runtime export that emitted code may read. One name per line, so additions merge cleanly. */
export const CONTRACT_NAMES = [
  // The on/off switch: `tracing.on`.
  'tracing',
  // Instrumented functions (runtime/hooks/functions.ts).
  'functionSite',
  'functionSites',
  'enterFunction',
  'suspend',
  'resume',
  'awaiting',
  'awaited',
  'reenter',
  'failFunction',
  'exitFunction',
  'returned',
  'forAwait',
  'yieldDelegate',
  // Outgoing HTTP calls (runtime/hooks/http-client.ts; docs/http.md, "The emitted call").
  'httpClientCall',
  'instrumentNestHttpService',
  // Served requests (runtime/hooks/http-server.ts, express.ts, fastify.ts; docs/http.md, "Incoming requests").
  'instrumentRequestListener',
  'instrumentServer',
  'instrumentExpressApp',
  'instrumentFastify',
  'instrumentNestApplication',
  'instrumentKoaApp',
] as const;

/**
 * The static facts of one instrumented function, computed at compile time and
 * passed once to `functionSite` in the file's prologue.
 */
export interface FunctionDescriptor {
  /** The span name: `Class.method`, `object.method`, `function`, or a rule's or mark's name. */
  name: string;
  /** `code.function`: the function's own name. */
  function: string;
  /** `code.namespace`: the class, object or namespace that holds it. */
  namespace?: string;
  /** `code.filepath`: relative to the tsconfig's folder. */
  file: string;
  /** `code.lineno`: 1-based line of the function's start. */
  line: number;
  /** Names of the parameters whose values `enterFunction` receives (captureArgs), in order. */
  args?: string[];
  /** Indexes into `args` of the values to record as `[REDACTED]`. */
  secretArgs?: number[];
  /** Record the return value as the `result` tag. */
  captureReturn?: boolean;
  /** A plain function that may return a native Promise, or an async one whose `return` may hand one back (its promise adopts it): `returned` finishes the span when that promise settles. */
  returnsPromise?: boolean;
}

/** The descriptor fields `functionSites` takes in an object after a site's line, name and namespace. */
export type SiteOptions = Partial<Pick<FunctionDescriptor, 'name' | 'args' | 'secretArgs' | 'captureReturn' | 'returnsPromise'>>;

/**
 * One item of the list `functionSites(file, entries)` reads: per site, its
 * line, its function name, optionally its namespace, optionally its options.
 */
export type SiteEntry = number | string | SiteOptions;

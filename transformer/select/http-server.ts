/**
 * Which calls create or feed an HTTP server, found with the type checker
 * through `resolveCallee` (transformer/select/callee.ts), never by the spelling
 * of a name: a user function called `express` or `createServer` is left alone.
 *
 * - `http.createServer(...)`, `https.createServer(...)` and `new http.Server(...)`
 *   (and `https`): their request-listener arguments;
 * - `server.on('request', listener)` on a node:http or node:https server (also
 *   `addListener`, `once`, `prependListener`, `prependOnceListener`): the listener;
 * - `express()`: the application it returns;
 * - `fastify()` (default, named or `require` import): the instance it returns.
 */
import type * as ts from 'typescript';
import { resolveCallee, type CalleeOrigin } from './callee';

/**
 * The TypeScript instance the nodes come from (the compiler's, `file.ts`): a
 * module-level `import ts from 'typescript'` loaded a second compiler (about
 * 60 MB of heap in every tspc build) and read its syntax kinds, which differ
 * between TypeScript versions.
 */
type TypeScript = typeof ts;

/** What a recognised server call site needs from the runtime. */
export type HttpServerSite =
  /** Wrap the arguments at these positions with `instrumentRequestListener`. */
  | { kind: 'listeners'; argumentIndexes: readonly number[] }
  /** Wrap the call's result with `instrumentExpressApp`. */
  | { kind: 'express' }
  /** Wrap the call's result with `instrumentFastify`. */
  | { kind: 'fastify' };

/** The node modules whose servers take request listeners. */
export const NODE_SERVER_MODULES: ReadonlySet<string> = new Set(['http', 'https']);
/** The methods of a server that register a listener for an event (`'request'`). */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']);

/** The server call site `call` is, or undefined when it is none. */
export function httpServerSite(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): HttpServerSite | undefined {
  const origin = resolveCallee(checker, call.expression, tsi);
  if (origin === undefined) return undefined;
  if (tsi.isNewExpression(call)) {
    return isNodeServer(origin, 'Server') && tsi.isClassDeclaration(origin.declaration) ? listenerArguments(tsi, checker, call) : undefined;
  }
  if (isNodeServer(origin, 'createServer') && tsi.isFunctionDeclaration(origin.declaration)) return listenerArguments(tsi, checker, call);
  if (NODE_SERVER_MODULES.has(origin.module)) return requestListenerRegistration(tsi, call, origin);
  if (origin.module === 'express' && isModuleExport(tsi, checker, origin.declaration)) return { kind: 'express' };
  if (origin.module === 'fastify' && origin.name === 'fastify') return { kind: 'fastify' };
  return undefined;
}

function isNodeServer(origin: CalleeOrigin, name: string): boolean {
  return NODE_SERVER_MODULES.has(origin.module) && origin.name === name;
}

/** The arguments that may be a request listener: those typed as functions (or untyped), never a spread. */
function listenerArguments(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): HttpServerSite | undefined {
  const argumentIndexes: number[] = [];
  (call.arguments ?? []).forEach((argument, index) => {
    if (!tsi.isSpreadElement(argument) && mayBeFunction(tsi, checker, argument)) argumentIndexes.push(index);
  });
  return argumentIndexes.length === 0 ? undefined : { kind: 'listeners', argumentIndexes };
}

function mayBeFunction(tsi: TypeScript, checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(expression);
  if (type.flags & (tsi.TypeFlags.Any | tsi.TypeFlags.Unknown)) return true;
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.getCallSignatures().length > 0);
}

/** `server.on('request', listener)` and its siblings, with the event named by a string literal. */
function requestListenerRegistration(tsi: TypeScript, call: ts.CallExpression, origin: CalleeOrigin): HttpServerSite | undefined {
  const [owner, method] = origin.name.split('.');
  if (owner !== 'Server' || method === undefined || !LISTENER_METHODS.has(method)) return undefined;
  const [event, listener] = call.arguments;
  if (event === undefined || listener === undefined || tsi.isSpreadElement(listener)) return undefined;
  if (!tsi.isStringLiteralLike(event) || event.text !== 'request') return undefined;
  return { kind: 'listeners', argumentIndexes: [1] };
}

/**
 * True when `declaration` is what its module exports as a whole (`export =`)
 * or as `default`: `express()` itself, whatever the typings name the function.
 */
function isModuleExport(tsi: TypeScript, checker: ts.TypeChecker, declaration: ts.Declaration): boolean {
  if (!tsi.isFunctionDeclaration(declaration) || declaration.name === undefined) return false;
  const own = checker.getSymbolAtLocation(declaration.name);
  const moduleSymbol = checker.getSymbolAtLocation(declaration.getSourceFile());
  if (own === undefined || moduleSymbol === undefined) return false;
  for (const name of ['export=', 'default']) {
    const exported = moduleSymbol.exports?.get(name as ts.__String);
    if (exported === undefined) continue;
    const target = exported.flags & tsi.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (target === own) return true;
  }
  return false;
}

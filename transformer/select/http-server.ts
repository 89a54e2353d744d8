/**
 * Which calls create or feed an HTTP server, found with the type checker
 * through `resolveCallee` (transformer/select/callee.ts), never by the spelling
 * of a name: a user function called `express` or `createServer` is left alone.
 *
 * - `http.createServer(...)`, `https.createServer(...)`, `http2.createServer(...)`,
 *   `http2.createSecureServer(...)` and `new http.Server(...)` (and `https`):
 *   the server they make; also a call through any expression whose type says
 *   it can only be one of those functions, such as
 *   `(options.createServer || http.createServer)(...)` (see `callsServerCreator`);
 * - `server.on('request', listener)` on a node:http or node:https server (also
 *   `addListener`, `once`, `prependListener`, `prependOnceListener`): the server;
 * - `express()`: the application it returns;
 * - `fastify()` (default, named or `require` import): the instance it returns;
 * - `new Koa()`, also `new (require('koa'))()`: the application it makes;
 * - `require('express')()` and `require('fastify')()`, also through a `const`
 *   holding the `require`: the app or instance it returns (see `requiredExport`);
 * - a call of a library function or method typed as returning one of those
 *   servers (Koa's `app.listen()`, `@hono/node-server`'s `serve()`): the
 *   server the library made, out of the compiler's sight (see `returnsNodeServer`);
 * - `app.listen(...)` and `app.init()` of a NestJS application: the
 *   application, whose server and Express app or Fastify instance Nest made
 *   in its own code (see `NEST_APPLICATION_STARTS`).
 */
import { isBuiltin } from 'node:module';
import type * as ts from 'typescript';
import { skipErasedWrappers } from '../syntax';
import { originOf, resolveCallee, type CalleeOrigin } from './callee';

/**
 * The TypeScript instance the nodes come from (the compiler's, `file.ts`): a
 * module-level `import ts from 'typescript'` loaded a second compiler (about
 * 60 MB of heap in every tspc build) and read its syntax kinds, which differ
 * between TypeScript versions.
 */
type TypeScript = typeof ts;

/** What a recognised server call site needs from the runtime. */
export type HttpServerSite =
  /** Wrap the server the call makes with `instrumentServer`. */
  | { kind: 'server' }
  /**
   * Wrap the server the call registers a `'request'` listener on (its
   * receiver) with `instrumentServer`; where the receiver cannot be wrapped,
   * the listener, `argumentIndex`, with `instrumentRequestListener`.
   */
  | { kind: 'registration'; argumentIndex: number }
  /** Wrap the call's result with `instrumentExpressApp`. */
  | { kind: 'express' }
  /** Wrap the call's result with `instrumentFastify`. */
  | { kind: 'fastify' }
  /** Wrap the `new` expression's result with `instrumentKoaApp`. */
  | { kind: 'koa' }
  /** Wrap the call's receiver, a NestJS application, with `instrumentNestApplication`. */
  | { kind: 'nest' };

/** The node modules whose servers take request listeners. */
export const NODE_SERVER_MODULES: ReadonlySet<string> = new Set(['http', 'https']);
/**
 * The functions that create a server from request listeners, by module. An
 * HTTP/2 server's listeners get the compatibility API's request and response,
 * which the server hook reads as it reads node:http's.
 */
export const SERVER_CREATORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['http', new Set(['createServer'])],
  ['https', new Set(['createServer'])],
  ['http2', new Set(['createServer', 'createSecureServer'])],
]);
/**
 * The servers whose `'request'` event passes a request listener's
 * arguments, by module: an HTTP/2 server's are the compatibility API's.
 */
const REQUEST_EMITTERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['http', new Set(['Server'])],
  ['https', new Set(['Server'])],
  ['http2', new Set(['Http2Server', 'Http2SecureServer'])],
]);
/** The modules whose export, called, makes an app or instance that a hook wraps, when loaded with `require`. */
const REQUIRED_FACTORIES: ReadonlyMap<string, HttpServerSite> = new Map([
  ['express', { kind: 'express' }],
  ['fastify', { kind: 'fastify' }],
]);
/** The modules whose export, constructed with `new`, makes an app that a hook wraps, when loaded with `require`. */
const REQUIRED_CLASSES: ReadonlyMap<string, HttpServerSite> = new Map([['koa', { kind: 'koa' }]]);
/**
 * The methods that start a NestJS application, by the interface that
 * declares them: `listen` (the application's and the Express and Fastify
 * platforms' own typings of it) and `init` (inherited from the application
 * context; an e2e test calls it before handing `app.getHttpServer()` to
 * supertest). Before either, Nest has made the server and the app or
 * instance but has not started serving.
 */
const NEST_APPLICATION_STARTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['@nestjs/common', new Set(['INestApplication.listen', 'INestApplicationContext.init'])],
  ['@nestjs/platform-express', new Set(['NestExpressApplication.listen'])],
  ['@nestjs/platform-fastify', new Set(['NestFastifyApplication.listen'])],
]);
/** How many `const` steps `callsServerCreator` and `requiredExport` follow back from an untyped callee. */
const MAX_CONST_STEPS = 8;
/** The methods of a server that register a listener for an event (`'request'`). */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']);

/** The server call site `call` is, or undefined when it is none. */
export function httpServerSite(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): HttpServerSite | undefined {
  const origin = resolveCallee(checker, call.expression, tsi);
  if (origin === undefined) {
    if (!tsi.isCallExpression(call)) return requiredExport(tsi, checker, call, REQUIRED_CLASSES);
    return callsServerCreator(tsi, checker, call) ? SERVER : requiredExport(tsi, checker, call, REQUIRED_FACTORIES);
  }
  if (tsi.isNewExpression(call)) {
    if (isNodeServer(origin, 'Server') && tsi.isClassDeclaration(origin.declaration)) return SERVER;
    return origin.module === 'koa' && isModuleExport(tsi, checker, origin.declaration) ? { kind: 'koa' } : undefined;
  }
  if (isServerCreator(tsi, origin)) return SERVER;
  if (NODE_SERVER_MODULES.has(origin.module) || origin.module === 'http2') return requestListenerRegistration(tsi, call, origin);
  if (origin.module === 'express' && isModuleExport(tsi, checker, origin.declaration)) return { kind: 'express' };
  if (origin.module === 'fastify' && origin.name === 'fastify') return { kind: 'fastify' };
  if (NEST_APPLICATION_STARTS.get(origin.module)?.has(origin.name)) return { kind: 'nest' };
  return returnsNodeServer(tsi, checker, call, origin) ? SERVER : undefined;
}

function isNodeServer(origin: CalleeOrigin, name: string): boolean {
  return NODE_SERVER_MODULES.has(origin.module) && origin.name === name;
}

function isServerCreator(tsi: TypeScript, origin: CalleeOrigin | undefined): boolean {
  return origin !== undefined && SERVER_CREATORS.get(origin.module)?.has(origin.name) === true && tsi.isFunctionDeclaration(origin.declaration);
}

/**
 * A call whose callee names no declaration of a library (a variable, a
 * parameter, a property, an expression) but whose type says it can only be
 * node's server-creating functions: `(options.createServer || createServer)(...)`
 * has the type `typeof http.createServer | typeof https.createServer`. A
 * callee typed `any` (Hono's `const createServer: any = options.createServer
 * || createServerHTTP`) is judged by the `const`'s initializer. Calls without
 * arguments (such a creator is given options or a listener) and callees that
 * are functions of their own are left alone without asking the checker for
 * a type: most calls of a program are one or the other.
 */
function callsServerCreator(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (call.arguments.length === 0) return false;
  // The checker resolved the call's signature from the callee's narrowed type
  // when it checked the program, and a server creator's is declared in Node's
  // typings (a union of them resolves to its first member's). Asking for it
  // spares a type and its control-flow analysis for every other call of a
  // parameter or property; a callee typed `any` has no declared signature.
  const signature = checker.getResolvedSignature(call)?.declaration;
  if (signature !== undefined && !tsi.isJSDocSignature(signature) && !SERVER_CREATORS.has(originOf(tsi, signature)?.module ?? '')) return false;
  let callee = skipErasedWrappers(tsi, call.expression);
  for (let step = 0; step < MAX_CONST_STEPS; step++) {
    if (namesOwnFunction(tsi, checker, callee)) return false;
    const type = checker.getTypeAtLocation(callee);
    if (!(type.flags & tsi.TypeFlags.Any)) return isServerCreatorType(tsi, checker, type);
    const initializer = constInitializer(tsi, checker, callee);
    if (initializer === undefined) return false;
    callee = skipErasedWrappers(tsi, initializer);
  }
  return false;
}

/**
 * `require('express')()`, or a call of a `const` initialised with
 * `require('express')` (and Fastify's), and `new (require('koa'))()` (as
 * routing-controllers makes its Koa app): in a TypeScript file
 * `require(...)` is typed `any`, so the callee names no declaration of the
 * library, and the module is known from the call's literal. The `require`
 * must be Node's global, declared in a declaration file (@types/node), not
 * a function of the program or a parameter.
 */
function requiredExport(
  tsi: TypeScript,
  checker: ts.TypeChecker,
  call: ts.CallExpression | ts.NewExpression,
  sites: ReadonlyMap<string, HttpServerSite>,
): HttpServerSite | undefined {
  let callee = skipErasedWrappers(tsi, call.expression);
  for (let step = 0; step < MAX_CONST_STEPS; step++) {
    if (tsi.isCallExpression(callee)) return sites.get(requiredModule(tsi, checker, callee) ?? '');
    const initializer = constInitializer(tsi, checker, callee);
    if (initializer === undefined) return undefined;
    callee = skipErasedWrappers(tsi, initializer);
  }
  return undefined;
}

/** The module `call` loads when it is `require('<literal>')` with Node's global `require`. */
function requiredModule(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression): string | undefined {
  const [specifier] = call.arguments;
  if (call.arguments.length !== 1 || specifier === undefined || !tsi.isStringLiteralLike(specifier) || !tsi.isIdentifier(call.expression) || call.expression.text !== 'require') return undefined;
  const declarations = checker.getSymbolAtLocation(call.expression)?.declarations ?? [];
  const isNodeRequire = declarations.length > 0 && declarations.every((declaration) => tsi.isVariableDeclaration(declaration) && declaration.getSourceFile().isDeclarationFile);
  return isNodeRequire ? specifier.text : undefined;
}

/** A name whose declaration is a function, method or class: a value of its own, never a server creator held in a variable. */
function namesOwnFunction(tsi: TypeScript, checker: ts.TypeChecker, callee: ts.Expression): boolean {
  const name = tsi.isPropertyAccessExpression(callee) ? callee.name : tsi.isIdentifier(callee) ? callee : undefined;
  if (name === undefined) return false;
  const declaration = checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (declaration === undefined) return false;
  if (tsi.isFunctionLike(declaration) || tsi.isClassLike(declaration)) return true;
  const initializer = tsi.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  return initializer !== undefined && (tsi.isArrowFunction(initializer) || tsi.isFunctionExpression(initializer));
}

/** The initializer of the `const` that `callee` names (not one from a declaration file). */
function constInitializer(tsi: TypeScript, checker: ts.TypeChecker, callee: ts.Expression): ts.Expression | undefined {
  if (!tsi.isIdentifier(callee)) return undefined;
  const declaration = checker.getSymbolAtLocation(callee)?.valueDeclaration;
  if (declaration === undefined || !tsi.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return undefined;
  const list = declaration.parent;
  return tsi.isVariableDeclarationList(list) && (list.flags & tsi.NodeFlags.Const) !== 0 ? declaration.initializer : undefined;
}

/** Every possible value of `type` (null and undefined aside) is one of node's server-creating functions. */
function isServerCreatorType(tsi: TypeScript, checker: ts.TypeChecker, type: ts.Type): boolean {
  const members = checker.getNonNullableType(type);
  const parts = members.isUnion() ? members.types : [members];
  return parts.length > 0 && parts.every((part) => {
    const declarations = part.getSymbol()?.declarations ?? [];
    return declarations.length > 0 && declarations.every((declaration) => isServerCreator(tsi, originOf(tsi, declaration)));
  });
}

const SERVER: HttpServerSite = { kind: 'server' };

/**
 * A library's function or method whose resolved signature returns node's
 * server (or only ones of node's servers, `ServerType` of
 * `@hono/node-server`): the library made the server in code spanweave does not
 * compile, so the call's result is the first place it can be instrumented.
 * Instrumenting it after `listen()` is in time: requests are events of later
 * ticks. Node's own functions and methods (`server.listen()` returns
 * `this`; the servers they make are the creators above) and the globals
 * are left alone, without asking the checker for a signature.
 */
function returnsNodeServer(tsi: TypeScript, checker: ts.TypeChecker, call: ts.CallExpression, origin: CalleeOrigin): boolean {
  if (origin.module === 'global' || isBuiltin(origin.module)) return false;
  const signature = checker.getResolvedSignature(call);
  if (signature === undefined) return false;
  const returned = checker.getNonNullableType(checker.getReturnTypeOfSignature(signature));
  const parts = returned.isUnion() ? returned.types : [returned];
  return parts.every((part) => {
    const declarations = part.getSymbol()?.declarations ?? [];
    return declarations.length > 0 && declarations.every((declaration) => isRequestEmitter(originOf(tsi, declaration)));
  });
}

function isRequestEmitter(origin: CalleeOrigin | undefined): boolean {
  return origin !== undefined && REQUEST_EMITTERS.get(origin.module)?.has(origin.name) === true;
}

/** `server.on('request', listener)` and its siblings, with the event named by a string literal. */
function requestListenerRegistration(tsi: TypeScript, call: ts.CallExpression, origin: CalleeOrigin): HttpServerSite | undefined {
  const [owner, method] = origin.name.split('.');
  if (owner === undefined || !REQUEST_EMITTERS.get(origin.module)?.has(owner) || method === undefined || !LISTENER_METHODS.has(method)) return undefined;
  const [event, listener] = call.arguments;
  if (event === undefined || listener === undefined || tsi.isSpreadElement(listener)) return undefined;
  if (!tsi.isStringLiteralLike(event) || event.text !== 'request') return undefined;
  return { kind: 'registration', argumentIndex: 1 };
}

/**
 * True when `declaration` is what its module exports as a whole (`export =`)
 * or as `default`: `express()` itself and Koa's `Application` class,
 * whatever the typings name them.
 */
function isModuleExport(tsi: TypeScript, checker: ts.TypeChecker, declaration: ts.Declaration): boolean {
  if (!(tsi.isFunctionDeclaration(declaration) || tsi.isClassDeclaration(declaration)) || declaration.name === undefined) return false;
  const moduleSymbol = checker.getSymbolAtLocation(declaration.getSourceFile());
  if (moduleSymbol === undefined) return false;
  for (const name of ['export=', 'default']) {
    const exported = moduleSymbol.exports?.get(name as ts.__String);
    if (exported === undefined) continue;
    const target = exported.flags & tsi.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    // By declaration, not by symbol: where the program augments the module
    // (`declare module 'express'`, as @types/cookie-parser does), the name's
    // symbol is a merged copy of the exported one.
    if (target.declarations?.includes(declaration) === true) return true;
  }
  return false;
}

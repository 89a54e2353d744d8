/**
 * HTTP calls and servers found without a type checker: what a callee is,
 * worked out from the module's own bindings. Imports and `require`s of
 * `http`, `https` (with or without `node:`), `undici`, `axios`, `express`
 * and `fastify` are followed
 * through `const` aliases, destructuring, member reads, the interop helpers
 * compilers wrap `require` in (`__importDefault`, `__importStar`, `__toESM`,
 * swc's `_interop_require_*`) and `axios.create()`; `fetch` is the global
 * one when nothing in the file declares that name where it is called. A
 * server is what `createServer()` or `new Server()` of `http`/`https`
 * returns (and its `on(...)` returns again), and what `serve()` of Hono's
 * Node adapter returns; a NestJS application is what
 * `await NestFactory.create(...)` of `@nestjs/core` gives.
 *
 * What types would tell and syntax cannot: a client or server passed in as a
 * parameter, stored in an object or a `let` that is reassigned, returned
 * by a function, or re-exported from another of the user's modules; a
 * global `fetch` replaced at run time. Those calls are left alone.
 */
import type * as ts from 'typescript';
import { AXIOS_METHOD_SET, type HttpClientApi, NODE_HTTP_FUNCTIONS, NODE_HTTP_MODULES, UNDICI_FUNCTIONS } from '../select/callee';
import { type HttpServerSite, LISTENER_METHODS, NODE_SERVER_MODULES, SERVER_CREATORS } from '../select/http-server';
import { isErasedWrapper } from '../syntax';
import { Scopes } from './scopes';

/** What an expression is known to evaluate to. */
type Value =
  | { kind: 'module'; name: string }
  | { kind: 'axios' }
  | { kind: 'axiosCreate' }
  | { kind: 'api'; api: HttpClientApi }
  | { kind: 'global' }
  | { kind: 'require' }
  | { kind: 'interop' }
  | { kind: 'createServer' }
  | { kind: 'Server' }
  | { kind: 'server' }
  | { kind: 'serverListener' }
  | { kind: 'nestFactory' }
  | { kind: 'nestCreate' }
  | { kind: 'nestCreation' }
  | { kind: 'nestApplication' }
  | { kind: 'nestStart' };

/**
 * Hono's Node adapter: its `serve()` and `createAdaptorServer()` make a node
 * server in code that is not compiled; the transformer knows them by their
 * return type (transformer/select/http-server.ts, `returnsNodeServer`).
 */
const HONO_NODE_SERVER = '@hono/node-server';
const HONO_SERVER_CREATORS: ReadonlySet<string> = new Set(['serve', 'createAdaptorServer']);
const MODULES: ReadonlySet<string> = new Set([...NODE_HTTP_MODULES, ...SERVER_CREATORS.keys(), 'undici', 'axios', 'express', 'fastify', 'koa', '@nestjs/core', HONO_NODE_SERVER]);
/** The methods that start a NestJS application (transformer/select/http-server.ts names them by declaration). */
const NEST_START_METHODS: ReadonlySet<string> = new Set(['listen', 'init']);
const INTEROP_HELPERS: ReadonlySet<string> = new Set(['__importDefault', '__importStar', '__toESM', '_interop_require_default', '_interop_require_wildcard']);
const UNKNOWN = undefined;

export class HttpBindings {
  private readonly scopes: Scopes;
  private readonly values = new Map<ts.Node, Value | undefined>();

  constructor(private readonly tsi: typeof ts, file: ts.SourceFile) {
    this.scopes = new Scopes(tsi, file);
  }

  /** The HTTP client API `call` calls, or undefined. */
  apiOf(call: ts.CallExpression): HttpClientApi | undefined {
    const callee = this.valueOf(call.expression);
    if (callee?.kind === 'api') return callee.api;
    if (callee?.kind === 'axios' || (callee?.kind === 'module' && callee.name === 'axios')) return 'axios';
    return undefined;
  }

  /**
   * The server call site `call` is, as transformer/select/http-server.ts
   * finds it with types: its request-listener arguments, an `express()`
   * or `fastify()` whose result is instrumented, or a NestJS application's
   * `listen`/`init`, whose receiver is.
   */
  serverSiteOf(call: ts.CallExpression | ts.NewExpression): HttpServerSite | undefined {
    const tsi = this.tsi;
    const callee = this.valueOf(call.expression);
    const args = call.arguments ?? [];
    if (tsi.isNewExpression(call)) return callee?.kind === 'Server' ? SERVER_SITE : callee?.kind === 'module' && callee.name === 'koa' ? KOA_SITE : undefined;
    if (callee?.kind === 'createServer') return SERVER_SITE;
    if (callee?.kind === 'module' && (callee.name === 'express' || callee.name === 'fastify')) return { kind: callee.name };
    if (callee?.kind === 'nestStart') return NEST_SITE;
    if (callee?.kind !== 'serverListener') return undefined;
    const [event, listener] = args;
    if (event === undefined || !tsi.isStringLiteralLike(event) || event.text !== 'request') return undefined;
    return listener === undefined || tsi.isSpreadElement(listener) ? undefined : { kind: 'registration', argumentIndex: 1 };
  }

  private valueOf(expression: ts.Expression): Value | undefined {
    const tsi = this.tsi;
    const node = skipWrappers(tsi, expression);
    if (tsi.isIdentifier(node)) return this.identifierValue(node);
    if (tsi.isPropertyAccessExpression(node)) return member(this.valueOf(node.expression), node.name.text);
    if (tsi.isElementAccessExpression(node) && tsi.isStringLiteralLike(node.argumentExpression)) return member(this.valueOf(node.expression), node.argumentExpression.text);
    if (tsi.isCallExpression(node)) return this.callValue(node);
    if (tsi.isNewExpression(node)) return this.valueOf(node.expression)?.kind === 'Server' ? { kind: 'server' } : UNKNOWN;
    if (tsi.isBinaryExpression(node)) return this.fallbackValue(node);
    if (tsi.isAwaitExpression(node)) return this.valueOf(node.expression)?.kind === 'nestCreation' ? { kind: 'nestApplication' } : UNKNOWN;
    return UNKNOWN;
  }

  /**
   * `options.createServer || createServer` (`??` too), as Hono's Node
   * adapter writes it: a server creator the caller may replace. The option
   * read cannot be checked without types; it is taken to be a server
   * creator too, as its type says in Hono. Only an option read (a member of
   * something unknown) is given that benefit, never a value the bindings
   * know to be something else.
   */
  private fallbackValue(node: ts.BinaryExpression): Value | undefined {
    const tsi = this.tsi;
    const operator = node.operatorToken.kind;
    if (operator !== tsi.SyntaxKind.BarBarToken && operator !== tsi.SyntaxKind.QuestionQuestionToken) return UNKNOWN;
    const [left, right] = [this.valueOf(node.left), this.valueOf(node.right)];
    const isOption = (side: ts.Expression, value: Value | undefined) => value === UNKNOWN && tsi.isPropertyAccessExpression(skipWrappers(tsi, side));
    const creator = (value: Value | undefined) => value?.kind === 'createServer';
    if ((creator(left) || isOption(node.left, left)) && (creator(right) || isOption(node.right, right)) && (creator(left) || creator(right))) {
      return { kind: 'createServer' };
    }
    return UNKNOWN;
  }

  private identifierValue(name: ts.Identifier): Value | undefined {
    const declaration = this.scopes.declares(name.text) ? this.scopes.resolve(name) : undefined;
    if (declaration === undefined) return globalValue(name.text);
    if (!this.values.has(declaration)) {
      this.values.set(declaration, UNKNOWN); // a cycle resolves to unknown
      this.values.set(declaration, this.declarationValue(declaration));
    }
    return this.values.get(declaration);
  }

  private declarationValue(declaration: ts.Node): Value | undefined {
    const tsi = this.tsi;
    if (tsi.isImportClause(declaration)) return member(moduleOf(tsi, declaration.parent.moduleSpecifier), 'default');
    if (tsi.isNamespaceImport(declaration)) return moduleOf(tsi, declaration.parent.parent.moduleSpecifier);
    if (tsi.isImportSpecifier(declaration)) {
      return member(moduleOf(tsi, declaration.parent.parent.parent.moduleSpecifier), (declaration.propertyName ?? declaration.name).text);
    }
    if (tsi.isImportEqualsDeclaration(declaration) && tsi.isExternalModuleReference(declaration.moduleReference)) {
      return moduleOf(tsi, declaration.moduleReference.expression);
    }
    if (tsi.isVariableDeclaration(declaration) && tsi.isIdentifier(declaration.name)) {
      if (INTEROP_HELPERS.has(declaration.name.text)) return { kind: 'interop' };
      return declaration.initializer !== undefined && this.bindsOnce(declaration) ? this.valueOf(declaration.initializer) : UNKNOWN;
    }
    if (tsi.isBindingElement(declaration) && tsi.isObjectBindingPattern(declaration.parent) && declaration.dotDotDotToken === undefined) {
      const holder = declaration.parent.parent;
      const key = declaration.propertyName ?? declaration.name;
      if (!tsi.isVariableDeclaration(holder) || holder.initializer === undefined || !this.bindsOnce(holder)) return UNKNOWN;
      if (!tsi.isIdentifier(key) && !tsi.isStringLiteralLike(key)) return UNKNOWN;
      return member(this.valueOf(holder.initializer), key.text);
    }
    return UNKNOWN;
  }

  /** A `const`, or a `var`/`let` holding a module (as compilers emit `var http_1 = require("http")`). */
  private bindsOnce(declaration: ts.VariableDeclaration): boolean {
    const tsi = this.tsi;
    const list = declaration.parent;
    if (tsi.isVariableDeclarationList(list) && (list.flags & tsi.NodeFlags.Const) !== 0) return true;
    const init = declaration.initializer && skipWrappers(tsi, declaration.initializer);
    return init !== undefined && tsi.isCallExpression(init) && this.callValue(init)?.kind === 'module';
  }

  private callValue(call: ts.CallExpression): Value | undefined {
    const callee = this.valueOf(call.expression);
    const [first] = call.arguments;
    if (callee?.kind === 'require') return first !== undefined ? moduleOf(this.tsi, first) : UNKNOWN;
    if (callee?.kind === 'interop') return first !== undefined ? this.valueOf(first) : UNKNOWN;
    if (callee?.kind === 'axiosCreate') return { kind: 'axios' };
    if (callee?.kind === 'createServer' || callee?.kind === 'serverListener') return { kind: 'server' };
    if (callee?.kind === 'nestCreate') return { kind: 'nestCreation' };
    return UNKNOWN;
  }
}

function globalValue(name: string): Value | undefined {
  if (name === 'fetch') return { kind: 'api', api: 'fetch' };
  if (name === 'globalThis') return { kind: 'global' };
  if (name === 'require') return { kind: 'require' };
  return UNKNOWN;
}

/** `"node:https"` gives the https module; a module spanweave does not know gives nothing. */
function moduleOf(tsi: typeof ts, specifier: ts.Expression): Value | undefined {
  if (!tsi.isStringLiteralLike(specifier)) return UNKNOWN;
  const name = specifier.text.replace(/^node:/, '');
  return MODULES.has(name) ? { kind: 'module', name } : UNKNOWN;
}

/** What reading `name` from a known value gives. */
function member(value: Value | undefined, name: string): Value | undefined {
  switch (value?.kind) {
    case 'global':
      return name === 'fetch' ? { kind: 'api', api: 'fetch' } : UNKNOWN;
    case 'module':
      if (value.name === 'axios') return axiosMember(name);
      if (name === 'default') return value; // Node's modules, undici, express, fastify and koa: the default export is the module
      if (value.name === 'fastify' && name === 'fastify') return value;
      if (value.name === '@nestjs/core') return name === 'NestFactory' ? { kind: 'nestFactory' } : UNKNOWN;
      if (value.name === HONO_NODE_SERVER) return HONO_SERVER_CREATORS.has(name) ? { kind: 'createServer' } : UNKNOWN;
      if (SERVER_CREATORS.get(value.name)?.has(name)) return { kind: 'createServer' };
      if (NODE_SERVER_MODULES.has(value.name) && name === 'Server') return { kind: 'Server' };
      if (NODE_HTTP_MODULES.has(value.name) && NODE_HTTP_FUNCTIONS.has(name)) return { kind: 'api', api: `${value.name}.${name}` as HttpClientApi };
      if (value.name === 'undici' && UNDICI_FUNCTIONS.has(name)) return { kind: 'api', api: `undici.${name}` as HttpClientApi };
      return UNKNOWN;
    case 'axios':
      return axiosMember(name);
    case 'server':
      return LISTENER_METHODS.has(name) ? { kind: 'serverListener' } : UNKNOWN;
    case 'nestFactory':
      return name === 'create' ? { kind: 'nestCreate' } : UNKNOWN;
    case 'nestApplication':
      return NEST_START_METHODS.has(name) ? { kind: 'nestStart' } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

const SERVER_SITE: HttpServerSite = { kind: 'server' };
const NEST_SITE: HttpServerSite = { kind: 'nest' };
const KOA_SITE: HttpServerSite = { kind: 'koa' };

/** axios's CommonJS export is the default instance itself, with `default` pointing to it again. */
function axiosMember(name: string): Value | undefined {
  if (name === 'default') return { kind: 'axios' };
  if (name === 'create') return { kind: 'axiosCreate' };
  return AXIOS_METHOD_SET.has(name) ? { kind: 'api', api: `axios.${name}` as HttpClientApi } : UNKNOWN;
}

/** Erased wrappers (syntax.ts), and the `(0, f)` compilers write to call without a `this`. */
function skipWrappers(tsi: typeof ts, expression: ts.Expression): ts.Expression {
  let node = expression;
  for (;;) {
    if (isErasedWrapper(tsi, node)) node = node.expression;
    else if (tsi.isBinaryExpression(node) && node.operatorToken.kind === tsi.SyntaxKind.CommaToken) node = node.right;
    else return node;
  }
}

/**
 * What a call's callee really is, found with the type checker, never by the
 * spelling of a name: `fetch(...)` is the global fetch only when the name
 * resolves to the global declaration, and `client.get(...)` is axios only when
 * `get` resolves to axios's declaration.
 *
 * `resolveCallee` is the general part, shared by the HTTP client and server
 * selections: it follows imports (default, namespace, named, aliased,
 * `import x = require()`, `require` in JavaScript files, re-exports through the
 * user's own modules) and plain `const` aliases (`const get = https.get`,
 * `const { request } = http`) to a declaration, and says which module declares
 * it. `httpClientApi` classifies a call as one of the outgoing-HTTP APIs the
 * runtime hook knows.
 */
import type * as ts from 'typescript';
import { skipErasedWrappers } from '../syntax';

/**
 * The TypeScript instance to read nodes with: the compiler's own (the
 * transformer passes `file.ts`), since syntax kinds differ between versions.
 * Left out, the `typescript` package this one resolves.
 */
type TypeScript = typeof ts;
function defaultTypeScript(): TypeScript {
  return require('typescript') as TypeScript;
}

/** Where a callee's declaration lives. */
export interface CalleeOrigin {
  /**
   * The module that declares it: the ambient module name for Node's modules,
   * without the `node:` prefix (`http`, `https`); the npm package name for a
   * declaration under node_modules (`axios`, `undici`, `@types/express`
   * resolves through its own declarations to `express`); `global` for a global
   * declaration (lib files, `declare global`).
   */
  module: string;
  /**
   * The declared name: `request` for a top-level function or variable,
   * `Owner.member` for a member of a class or interface (`Axios.get`),
   * `Owner()` for a call signature of an interface (`AxiosInstance()`).
   */
  name: string;
  declaration: ts.Declaration;
}

/**
 * Whether `call` may call one of the library APIs the call-site instrumenters
 * look for, judged from the signature the checker resolved for it: that one
 * was cached when the program was checked, while a callee's symbol is looked
 * up again on every ask, and most calls of a program are of its own
 * functions and types or of TypeScript's default library (`push`,
 * `Math.max`). Of the default library's declarations only the global `fetch`
 * is such an API. A signature the program declares is its own, an overload
 * of its function or method included (the implementation follows it), except
 * when declared as a type and called through a name (`const get: Get = fetch`),
 * which may hold a library function. A signature without a declaration (a
 * callee typed `any`, such as `require('express')`) may be anything. A call
 * in an optional chain is asked about whatever it calls: a client call in the
 * chain (`api?.get(url).then(f)`) is rewritten at the chain's end, the `then`.
 */
export function mayCallLibraryApi(tsi: TypeScript, program: ts.Program, call: ts.CallExpression | ts.NewExpression): boolean {
  if ((call.flags & tsi.NodeFlags.OptionalChain) !== 0) return true;
  const declaration = program.getTypeChecker().getResolvedSignature(call)?.declaration;
  if (declaration === undefined || tsi.isJSDocSignature(declaration)) return true;
  if (program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return tsi.isFunctionDeclaration(declaration) && declaration.name?.text === 'fetch';
  if (declaringModule(tsi, declaration) !== undefined) return true;
  return !isImplemented(tsi, declaration) && tsi.isIdentifier(skipErasedWrappers(tsi, call.expression));
}

/**
 * A function, method or constructor with a body, or the program's own without
 * one: outside an ambient context (a declaration file, or under `declare`) a
 * body-less declaration of those kinds is an overload, which TypeScript
 * requires an implementation after, or an abstract method, which the
 * program's subclasses implement.
 */
function isImplemented(tsi: TypeScript, declaration: ts.Declaration): boolean {
  if (!tsi.isFunctionDeclaration(declaration) && !tsi.isMethodDeclaration(declaration) && !tsi.isConstructorDeclaration(declaration)) {
    return tsi.isFunctionLike(declaration) && (declaration as ts.FunctionLikeDeclaration).body !== undefined;
  }
  return declaration.body !== undefined || !isAmbient(tsi, declaration);
}

/** In a declaration file, or under a `declare` (a declared function, class, namespace, module or `global`). */
function isAmbient(tsi: TypeScript, declaration: ts.Node): boolean {
  if (declaration.getSourceFile().isDeclarationFile) return true;
  for (let node: ts.Node | undefined = declaration; node !== undefined; node = node.parent) {
    if (tsi.canHaveModifiers(node) && tsi.getModifiers(node)?.some((modifier) => modifier.kind === tsi.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

/** How many alias steps are followed before giving up (cycles, pathological chains). */
const MAX_ALIAS_STEPS = 16;

/**
 * The origin of what `callee` evaluates to, or undefined when it is the user's
 * own code, untyped (`any`), or something computed.
 */
export function resolveCallee(checker: ts.TypeChecker, callee: ts.Expression, tsi: TypeScript = defaultTypeScript()): CalleeOrigin | undefined {
  let known = resolved.get(checker);
  if (known === undefined) resolved.set(checker, (known = new WeakMap()));
  if (known.has(callee)) return known.get(callee);
  const symbol = resolveSymbol(tsi, checker, callee);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  const origin = declaration ? originOf(tsi, declaration) : undefined;
  known.set(callee, origin);
  return origin;
}

/**
 * Each callee is resolved once per program: the HTTP client and server
 * instrumenters both ask about every call. Keyed by checker, since watch mode
 * reuses unchanged source files in the next program.
 */
const resolved = new WeakMap<ts.TypeChecker, WeakMap<ts.Expression, CalleeOrigin | undefined>>();

/**
 * The origin of the call signature `call` resolves to: how a call of a value
 * whose type is a callable interface (an axios instance) is recognised.
 */
export function resolveCallSignature(checker: ts.TypeChecker, call: ts.CallExpression, tsi: TypeScript = defaultTypeScript()): CalleeOrigin | undefined {
  const declaration = checker.getResolvedSignature(call)?.declaration;
  if (!declaration || tsi.isJSDocSignature(declaration) || !tsi.isCallSignatureDeclaration(declaration)) return undefined;
  return originOf(tsi, declaration);
}

function resolveSymbol(ts: TypeScript, checker: ts.TypeChecker, expression: ts.Expression): ts.Symbol | undefined {
  let symbol = symbolAt(ts, checker, expression);
  for (let step = 0; symbol && step < MAX_ALIAS_STEPS; step++) {
    const next = aliasTarget(ts, checker, symbol);
    if (!next || next === symbol) return symbol;
    symbol = next;
  }
  return symbol;
}

function symbolAt(ts: TypeScript, checker: ts.TypeChecker, expression: ts.Expression): ts.Symbol | undefined {
  const node = skipErasedWrappers(ts, expression);
  if (ts.isIdentifier(node)) return checker.getSymbolAtLocation(node);
  if (ts.isPropertyAccessExpression(node)) return checker.getSymbolAtLocation(node.name);
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    // `client?.['get']`: the member of the client, whatever null or undefined the chain allows.
    const objectType = checker.getNonNullableType(checker.getTypeAtLocation(node.expression));
    return checker.getPropertyOfType(objectType, node.argumentExpression.text);
  }
  return undefined;
}

/** One step of aliasing: an import or re-export, a `const` initialised with another name, a destructured `const`. */
function aliasTarget(ts: TypeScript, checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol | undefined {
  if (symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol);
  const declaration = symbol.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (ts.isVariableDeclaration(declaration) && isConst(ts, declaration) && declaration.initializer) {
    return ts.isIdentifier(declaration.name) ? symbolAt(ts, checker, declaration.initializer) : undefined;
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && !declaration.dotDotDotToken) {
    const holder = ts.walkUpBindingElementsAndPatterns(declaration);
    if (!ts.isVariableDeclaration(holder) || !isConst(ts, holder)) return undefined;
    const key = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(key) && !ts.isStringLiteralLike(key)) return undefined;
    return checker.getPropertyOfType(checker.getTypeAtLocation(declaration.parent), key.text);
  }
  return undefined;
}

function isConst(ts: TypeScript, declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** Where `declaration` lives, or undefined for the user's own code. */
export function originOf(ts: TypeScript, declaration: ts.Declaration): CalleeOrigin | undefined {
  const module = declaringModule(ts, declaration);
  if (!module) return undefined;
  const name = declaredName(ts, declaration);
  return name ? { module, name, declaration } : undefined;
}

/** The module a declaration belongs to, or undefined for the user's own code. */
function declaringModule(ts: TypeScript, declaration: ts.Node): string | undefined {
  for (let node = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      if (node.flags & ts.NodeFlags.GlobalAugmentation) return 'global';
      if (ts.isStringLiteral(node.name)) return node.name.text.replace(/^node:/, '');
    }
  }
  const file = declaration.getSourceFile();
  // A declaration file that is not a module (lib.dom.d.ts, a package's
  // global typings) declares globals, wherever it lives.
  if (file.isDeclarationFile && !ts.isExternalModule(file)) return 'global';
  return packageOf(file.fileName);
}

/** `.../node_modules/@scope/name/x.d.ts` gives `@scope/name`; `@types/x` gives `x`. */
function packageOf(fileName: string): string | undefined {
  const at = fileName.lastIndexOf('/node_modules/');
  if (at === -1) return undefined;
  const parts = fileName.slice(at + '/node_modules/'.length).split('/');
  const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  if (!name.startsWith('@types/')) return name;
  const typed = name.slice('@types/'.length);
  return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
}

function declaredName(ts: TypeScript, declaration: ts.Declaration): string | undefined {
  if (ts.isCallSignatureDeclaration(declaration)) {
    const owner = ownerName(ts, declaration.parent);
    return owner ? `${owner}()` : undefined;
  }
  const own = ts.getNameOfDeclaration(declaration);
  if (!own || !(ts.isIdentifier(own) || ts.isStringLiteralLike(own))) return undefined;
  const isMember = ts.isClassElement(declaration) || ts.isTypeElement(declaration);
  if (!isMember) return own.text;
  const owner = ownerName(ts, declaration.parent);
  return owner ? `${owner}.${own.text}` : undefined;
}

function ownerName(ts: TypeScript, node: ts.Node): string | undefined {
  if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) return node.name.text;
  return undefined;
}

/**
 * The outgoing-HTTP APIs the runtime hook `httpClientCall` knows, as the
 * emitted code names them.
 */
export type HttpClientApi =
  | 'fetch'
  | 'http.request'
  | 'http.get'
  | 'https.request'
  | 'https.get'
  | 'undici.request'
  | 'undici.fetch'
  | 'undici.stream'
  | 'undici.dispatcher.request'
  | 'axios'
  | `axios.${AxiosMethod}`;

/** The request methods of an axios instance (`Axios` in axios's typings). */
export const AXIOS_METHODS = [
  'request',
  'get',
  'delete',
  'head',
  'options',
  'post',
  'put',
  'patch',
  'postForm',
  'putForm',
  'patchForm',
  'query',
] as const;
export type AxiosMethod = (typeof AXIOS_METHODS)[number];

export const AXIOS_METHOD_SET: ReadonlySet<string> = new Set(AXIOS_METHODS);
export const NODE_HTTP_MODULES: ReadonlySet<string> = new Set(['http', 'https']);
export const NODE_HTTP_FUNCTIONS: ReadonlySet<string> = new Set(['request', 'get']);
export const UNDICI_FUNCTIONS: ReadonlySet<string> = new Set(['request', 'fetch', 'stream']);
const AXIOS_CALLABLE_OWNERS: ReadonlySet<string> = new Set(['AxiosInstance()', 'AxiosStatic()']);

/** Which outgoing-HTTP API `call` calls, or undefined when it is none of them. */
export function httpClientApi(checker: ts.TypeChecker, call: ts.CallExpression, tsi: TypeScript = defaultTypeScript()): HttpClientApi | undefined {
  const origin = resolveCallee(checker, call.expression, tsi);
  if (origin) {
    const api = classify(tsi, origin);
    if (api) return api;
  }
  const signature = resolveCallSignature(checker, call, tsi);
  if (signature?.module === 'axios' && AXIOS_CALLABLE_OWNERS.has(signature.name)) return 'axios';
  return undefined;
}

function classify(ts: TypeScript, origin: CalleeOrigin): HttpClientApi | undefined {
  const { module, name, declaration } = origin;
  if (module === 'global') return name === 'fetch' && isFunctionLike(ts, declaration) ? 'fetch' : undefined;
  if (NODE_HTTP_MODULES.has(module) && NODE_HTTP_FUNCTIONS.has(name) && ts.isFunctionDeclaration(declaration)) {
    return `${module}.${name}` as HttpClientApi;
  }
  if (module === 'undici' && UNDICI_FUNCTIONS.has(name) && isFunctionLike(ts, declaration)) {
    return `undici.${name}` as HttpClientApi;
  }
  // `request` of a Client, Pool, Agent or any other Dispatcher: declared once, on Dispatcher.
  if (module === 'undici' && name === 'Dispatcher.request' && ts.isMethodDeclaration(declaration)) return 'undici.dispatcher.request';
  if (module === 'axios') {
    const [owner, member] = name.split('.');
    if (owner === 'Axios' && member && AXIOS_METHOD_SET.has(member)) return `axios.${member}` as HttpClientApi;
  }
  return undefined;
}

/**
 * A request method of NestJS's `HttpService` (`@nestjs/axios`): `get`,
 * `post`, ... `request`. It returns an Observable whose axios request is
 * made on subscription, inside @nestjs/axios; the service is instrumented
 * instead of the call (runtime/hooks/http-client-nest.ts).
 */
export function isNestHttpServiceCall(checker: ts.TypeChecker, call: ts.CallExpression, tsi: TypeScript = defaultTypeScript()): boolean {
  const origin = resolveCallee(checker, call.expression, tsi);
  if (origin?.module !== '@nestjs/axios' || !tsi.isMethodDeclaration(origin.declaration)) return false;
  const [owner, member] = origin.name.split('.');
  return owner === 'HttpService' && member !== undefined && AXIOS_METHOD_SET.has(member);
}

/** A top-level function, or a variable of function type (undici's default-export namespace declares `const request: typeof ...`). */
function isFunctionLike(ts: TypeScript, declaration: ts.Declaration): boolean {
  return ts.isFunctionDeclaration(declaration) || ts.isVariableDeclaration(declaration);
}

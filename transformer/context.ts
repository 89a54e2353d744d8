/**
 * The per-file context every emitter shares: the runtime import (added once,
 * only to files that use it, in the module syntax the file is emitted in), the
 * prologue of descriptors created once at module load, and unique names.
 */
import type * as ts from 'typescript';
import { leadingDirectives } from './emit/directives';
import { own, ownIdentifier, ownSubtree } from './emit/own-nodes';
import type { ResolvedOptions } from './options';
import { lineOfNode } from './syntax';

/**
 * What an emitter (for a function or a call site) may use while one source
 * file is transformed. Names it creates never clash with user code.
 */
export interface FileContext {
  /** The TypeScript instance the compiler runs with (use it, not an `import 'typescript'`). */
  readonly ts: typeof ts;
  readonly factory: ts.NodeFactory;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly options: ResolvedOptions;
  /** The original (parse-tree) source file. */
  readonly sourceFile: ts.SourceFile;
  /** The file's path relative to the tsconfig's folder, with `/` separators (`code.filepath`). */
  readonly filePath: string;
  /**
   * The output is below ES2015: TypeScript turns async functions and
   * generators into state machines, which hoist and rename their catch
   * parameters.
   */
  readonly downlevelsGenerators: boolean;
  /**
   * The output is below ES2018: TypeScript turns `await` into a `yield` that
   * its helpers resume from `then` callbacks of the global `Promise`, which a
   * program may have replaced. Only a native `await` resumes, whatever
   * happens, in the context it began in (emit/suspensions.ts).
   */
  readonly downlevelsAwait: boolean;
  /** `<runtime>.<name>`: reads an export of the runtime; the first use adds the runtime import to the file. */
  runtime(name: string): ts.PropertyAccessExpression;
  /**
   * Declares `var <unique name> = <init>` in the file's prologue, which runs
   * once when the module loads, and returns the name. For static descriptors.
   * A `var`, so that a hoisted function called before the prologue runs (a
   * circular import) reads `undefined` instead of throwing.
   */
  declare(hint: string, init: ts.Expression | (() => ts.Expression)): ts.Identifier;
  /**
   * Declares a function in the file's prologue, made by `make` from its
   * unique name, and returns the name. A function declaration is hoisted: it
   * can be called before the prologue ran (a circular import).
   */
  declareFunction(hint: string, make: (name: ts.Identifier) => ts.FunctionDeclaration): ts.Identifier;
  /** A fresh identifier that cannot clash with any name in the file. */
  uniqueName(hint: string): ts.Identifier;
  /**
   * The name of a local of one wrapped function (its call frame, its catch
   * parameter), used only inside that function's body, where it shadows the
   * same name of an enclosing wrapped function. `hint` itself when the file's
   * text holds no `spanweave` (so no user name can clash), else a unique name.
   */
  localName(hint: string): ts.Identifier;
  /** `localName` gives one name per hint for the whole file, so every function's locals read the same. */
  readonly sameLocalNames: boolean;
  /** 1-based line of a parse-tree node's start. */
  lineOf(node: ts.Node): number;
}

/** Builds the per-file context and, at the end, the file's new prologue. */
export class FileContextImpl implements FileContext {
  readonly factory: ts.NodeFactory;
  readonly downlevelsGenerators: boolean;
  readonly downlevelsAwait: boolean;
  private runtimeName: ts.Identifier | undefined;
  /** Each statement made when the file is finished, so a declaration can collect what the file's functions add to it. */
  private readonly prologue: (() => ts.Statement)[] = [];
  /** Locals can be fixed names: no name in the file's text contains our prefix. */
  readonly sameLocalNames: boolean;
  /** How many names each hint has had in this file. */
  private readonly nameCounts = new Map<string, number>();

  constructor(
    readonly ts: typeof import('typescript'),
    context: ts.TransformationContext,
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    readonly options: ResolvedOptions,
    readonly sourceFile: ts.SourceFile,
    readonly filePath: string,
  ) {
    this.factory = context.factory;
    const target = emitScriptTarget(ts, program.getCompilerOptions());
    this.downlevelsGenerators = target < ts.ScriptTarget.ES2015;
    this.downlevelsAwait = target < ts.ScriptTarget.ES2018;
    this.sameLocalNames = !sourceFile.text.includes('spanweave');
  }

  runtime(name: string): ts.PropertyAccessExpression {
    this.runtimeName ??= this.uniqueName('spanweave');
    return this.factory.createPropertyAccessExpression(this.runtimeName, ownIdentifier(this, name));
  }

  declare(hint: string, init: ts.Expression | (() => ts.Expression)): ts.Identifier {
    const name = this.uniqueName(hint);
    this.prologue.push(() => this.variable(name, typeof init === 'function' ? init() : init));
    return name;
  }

  declareFunction(hint: string, make: (name: ts.Identifier) => ts.FunctionDeclaration): ts.Identifier {
    const name = this.uniqueName(hint);
    this.prologue.push(() => make(name));
    return name;
  }

  /**
   * A fixed name needs no work from the printer, where a unique name costs a
   * lookup against every name of the file; two per instrumented function
   * added up. Fixed names are safe because each is declared in, and read
   * only inside, one function body (emit/function-body.ts).
   */
  localName(hint: string): ts.Identifier {
    return this.sameLocalNames ? ownIdentifier(this, hint) : this.uniqueName(hint);
  }

  /**
   * `hint_1`, `hint_2`, ... in the order asked, each checked by the printer
   * against every name of the file (a clash gets a further `_1`). Numbered
   * here, not by TypeScript: its printer numbers a plain unique name by trying
   * `hint_1`, `hint_2`, ... until one is free, which made the names of a file
   * cost quadratic time (a second of a 5000-function build).
   */
  uniqueName(hint: string): ts.Identifier {
    const count = (this.nameCounts.get(hint) ?? 0) + 1;
    this.nameCounts.set(hint, count);
    return own(this, this.factory.createUniqueName(`${hint}_${count}`, this.ts.GeneratedIdentifierFlags.Optimistic));
  }

  lineOf(node: ts.Node): number {
    return lineOfNode(this.sourceFile, node);
  }

  /**
   * The transformed file with the runtime import and the prologue placed after
   * its directives ("use strict"), before any user statement.
   */
  finish(file: ts.SourceFile): ts.SourceFile {
    if (this.runtimeName === undefined) return file;
    const { factory } = this;
    const directives = leadingDirectives(this.ts, file.statements);
    const rest = file.statements.slice(directives.length);
    const header = [this.runtimeImport(this.runtimeName), ...this.prologue.map((make) => ownSubtree(this, make()))];
    return factory.updateSourceFile(file, [...directives, ...header, ...rest]);
  }

  private runtimeImport(name: ts.Identifier): ts.Statement {
    return runtimeImportStatement(this.factory, name, this.options.runtime, emitsCommonJs(this.ts, this.program, this.sourceFile));
  }

  private variable(name: ts.Identifier, init: ts.Expression): ts.VariableStatement {
    return variableStatement(this.factory, name, init);
  }
}

/**
 *   var spanweave_1 = require("spanweave/runtime");      (file emitted as CommonJS)
 *   import * as spanweave_1 from "spanweave/runtime";    (file emitted as ESM)
 */
export function runtimeImportStatement(factory: ts.NodeFactory, name: ts.Identifier, specifier: string, commonJs: boolean): ts.Statement {
  const literal = factory.createStringLiteral(specifier);
  if (commonJs) return variableStatement(factory, name, factory.createCallExpression(factory.createIdentifier('require'), undefined, [literal]));
  const clause = factory.createImportClause(false, undefined, factory.createNamespaceImport(name));
  return factory.createImportDeclaration(undefined, clause, literal);
}

/** `var <name> = <init>;` */
export function variableStatement(factory: ts.NodeFactory, name: ts.Identifier, init: ts.Expression): ts.VariableStatement {
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(name, undefined, undefined, init)]));
}

/** TypeScript's own answer, on its module object though not in its public typings (TypeScript 5.0 and later). */
type WithEmitTarget = typeof ts & { getEmitScriptTarget?(options: ts.CompilerOptions): ts.ScriptTarget };

/**
 * The language version TypeScript emits for `options`. Without `target` that
 * is not ES5: TypeScript 6 emits its latest standard, and TypeScript 5 ES2022
 * or ESNext under `module` node16 to nodenext. Taking ES5 there rewrote a
 * native `await` the way TypeScript's downlevelled ones need, which costs a
 * context switch at every `await` instead of the first. Where the compiler
 * cannot tell, ES5: its rewrites work at every target.
 */
function emitScriptTarget(tsi: typeof ts, options: ts.CompilerOptions): ts.ScriptTarget {
  const compute = (tsi as WithEmitTarget).getEmitScriptTarget;
  return typeof compute === 'function' ? compute(options) : (options.target ?? tsi.ScriptTarget.ES5);
}

/** Program's internal answer when it has one (TypeScript 5.6 and later), else the same rule from the options. */
type ProgramWithFormat = ts.Program & { getEmitModuleFormatOfFile?(file: ts.SourceFile): ts.ModuleKind };

/**
 * Whether the runtime import of `file` is a `require`: the file is emitted as a CommonJS module (module commonjs, or a
 * .cts / CommonJS-package file under node16/nodenext), or it is a script (no import or export) under module none, amd,
 * umd or system, which TypeScript's module transform leaves as it is: an `import` there would stay in the output and
 * turn the script into an ES module (Node then runs it as one, where its own `require` is not defined).
 */
export function emitsCommonJs(tsi: typeof ts, program: ts.Program, file: ts.SourceFile): boolean {
  const kind = emitModuleFormat(tsi, program, file);
  if (kind === tsi.ModuleKind.CommonJS) return true;
  const { None, AMD, UMD, System } = tsi.ModuleKind;
  return (kind === None || kind === AMD || kind === UMD || kind === System) && !tsi.isExternalModule(file);
}

/** The module kind `file` is emitted in. */
function emitModuleFormat(tsi: typeof ts, program: ts.Program, file: ts.SourceFile): ts.ModuleKind {
  const withFormat = program as ProgramWithFormat;
  if (typeof withFormat.getEmitModuleFormatOfFile === 'function') return withFormat.getEmitModuleFormatOfFile(file);
  const options = program.getCompilerOptions();
  const target = emitScriptTarget(tsi, options);
  const kind = options.module ?? (target >= tsi.ScriptTarget.ES2015 ? tsi.ModuleKind.ES2015 : tsi.ModuleKind.CommonJS);
  if (kind >= tsi.ModuleKind.Node16 && kind <= tsi.ModuleKind.NodeNext) {
    return file.impliedNodeFormat === tsi.ModuleKind.ESNext ? tsi.ModuleKind.ESNext : tsi.ModuleKind.CommonJS;
  }
  return kind;
}

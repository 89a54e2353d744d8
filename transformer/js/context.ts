/**
 * The transformer's per-file context (transformer/context.ts, `FileContext`)
 * for a file met without a program: the emitters run unchanged against it.
 * Names it hands out are plain identifiers made fresh for the file's text,
 * and what it declares becomes the text of the file's prologue.
 */
import type * as ts from 'typescript';
import { type FileContext, runtimeImportStatement, variableStatement } from '../context';
import type { ResolvedOptions } from '../options';
import { FreshNames } from './names';
import type { TemplatePrinter } from './templates';

export class JsFileContext implements FileContext {
  readonly factory: ts.NodeFactory;
  /** The JavaScript is printed as it was read: no later transform rewrites it. */
  readonly downlevelsGenerators = false;
  readonly downlevelsAwait = false;
  /** One name per hint for the whole file (`localName`). */
  readonly sameLocalNames = true;
  private runtimeName: string | undefined;
  private readonly declarations: (() => string)[] = [];
  private readonly names: FreshNames;
  /** The names `localName` gave, one per hint for the whole file. */
  private readonly locals = new Map<string, string>();

  constructor(
    readonly ts: typeof import('typescript'),
    readonly options: ResolvedOptions,
    readonly sourceFile: ts.SourceFile,
    readonly filePath: string,
    private readonly printer: TemplatePrinter,
    private readonly line: (node: ts.Node) => number,
  ) {
    this.factory = ts.factory;
    this.names = new FreshNames(sourceFile.text);
  }

  /** There is no program: the function emitters never ask for one. */
  get program(): ts.Program {
    throw new Error('spanweave: the JavaScript instrumenter has no program');
  }

  /** There is no type checker: selection falls back to what the syntax says. */
  get checker(): ts.TypeChecker {
    throw new Error('spanweave: the JavaScript instrumenter has no type checker');
  }

  runtime(name: string): ts.PropertyAccessExpression {
    this.runtimeName ??= this.names.next('spanweave');
    return this.factory.createPropertyAccessExpression(this.factory.createIdentifier(this.runtimeName), name);
  }

  declare(hint: string, init: ts.Expression | (() => ts.Expression)): ts.Identifier {
    const name = this.uniqueName(hint);
    this.declarations.push(() => this.printer.print(variableStatement(this.factory, name, typeof init === 'function' ? init() : init)));
    return name;
  }

  declareFunction(hint: string, make: (name: ts.Identifier) => ts.FunctionDeclaration): ts.Identifier {
    const name = this.uniqueName(hint);
    this.declarations.push(() => this.printer.print(make(name)));
    return name;
  }

  uniqueName(hint: string): ts.Identifier {
    return this.factory.createIdentifier(this.names.next(hint));
  }

  /**
   * One fresh name per hint for the whole file, as the transformer's fixed
   * locals: each is declared in, and read only inside, one function body
   * (emit/function-body.ts). The same text for every function lets the
   * rewriter print each shape of wrapper once per file (rewrite.ts).
   */
  localName(hint: string): ts.Identifier {
    let name = this.locals.get(hint);
    if (name === undefined) {
      name = this.names.next(hint);
      this.locals.set(hint, name);
    }
    return this.factory.createIdentifier(name);
  }

  lineOf(node: ts.Node): number {
    return this.line(node);
  }

  /** The runtime import and the declarations, on one line; empty when nothing used the runtime. */
  prologue(commonJs: boolean): string {
    if (this.runtimeName === undefined) return '';
    const name = this.factory.createIdentifier(this.runtimeName);
    const runtimeImport = this.printer.print(runtimeImportStatement(this.factory, name, this.options.runtime, commonJs));
    return [runtimeImport, ...this.declarations.map((print) => print())].join(' ');
  }
}

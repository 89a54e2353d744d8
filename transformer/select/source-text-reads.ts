/**
 * Functions whose source text the program reads, which are left unwrapped.
 *
 * An instrumented function's text is the emitted code, wrapper included: it
 * names the module's spanweave bindings (`spanweave_1`, `spanweave_enter_1`).
 * Most programs never look, but some put a function's text into code they
 * evaluate elsewhere: XState's SCXML converter writes `${delayToMs}` into the
 * body of a `new Function`, where those bindings do not exist, so the wrapped
 * function threw a `ReferenceError`, tracing on or off. Such a function keeps
 * its own text.
 *
 * The reads found are the ways a program turns a function into its text:
 * `${fn}` in a template, `String(fn)`, `fn.toString()`,
 * `Function.prototype.toString.call(fn)`, and `'...' + fn` or `fn + '...'`,
 * with `fn` a name or a property (`${helpers.fn}`). They are looked for in the
 * files' text first, a regular expression over each file, which costs next to
 * nothing beside a walk of every node; each place found is then confirmed on the
 * parse tree, and with a checker resolved to the declarations it names, in
 * whatever file they are. Without a checker (the JavaScript instrumenter,
 * which sees one file at a time), a function is taken to be read when a read
 * in its own file names it. What cannot be seen this way (a function handed to
 * a library that reads its text, as Puppeteer's `page.evaluate` does) is
 * wrapped: docs/transformer.md, Limitations.
 */
import type * as ts from 'typescript';
import { skipErasedWrappers } from '../syntax';

/**
 * Where a read may start: `${`, `toString`, `String(`, and a string literal's
 * quote beside a `+`. Each alternative begins with a fixed character, which
 * keeps the search over a file's text fast; the name is then read around it.
 */
const ANCHOR = /\$\{|toString|String\s*\(|['"`]\s*\+|\+\s*['"`]/g;
/** Space between the parts of a form: white space and comments (`${ // a lint directive\n fn }`). */
const SPACE = String.raw`(?:\s|//[^\n]*|/\*[\s\S]*?\*/)*`;
const NAME = String.raw`([\w$]+)`;
/** Sticky, with indices: the name is group 1. */
const form = (source: string): RegExp => new RegExp(source.replaceAll(' ', SPACE), 'dy');
/** `${a.b.fn}`: the last name. */
const TEMPLATE_NAME = form(String.raw`\$\{ (?:[\w$]+ \. )*${NAME} \}`);
const STRING_CALL = form(String.raw`String \( ${NAME} \)`);
/** `toString.call(fn)`, `toString.apply(fn)`. */
const TO_STRING_CALL = form(String.raw`toString \. (?:call|apply) \( ${NAME}`);
/** `fn.toString()`, once the name before the dot is found. */
const TO_STRING_METHOD = form(String.raw`toString \( \)`);
/** `'...' + fn`, the name not called or indexed. */
const QUOTE_PLUS_NAME = form(String.raw`['"\x60] \+ ${NAME}\b(?! [.([])`);
const NAME_CHAR = /[\w$]/;

/**
 * A place where the text of a name may be read: the name's position in a
 * file, confirmed when first asked about. Functions of one name are often
 * many (a `make` or `map` per module), so what the place turned out to be is
 * kept: the identifier read as text there (null when it is none) and, with a
 * checker, the declarations it names.
 */
interface Candidate {
  file: ts.SourceFile;
  position: number;
  read?: ts.Identifier | null;
  declarations?: readonly ts.Declaration[];
}

/**
 * Where the program reads the text of its functions. The files' text is
 * searched once, when this is made, and each place kept under the name it
 * reads; a function is asked about by the name it is declared with, and only
 * the places of that name are confirmed on the parse tree and, with a
 * checker, resolved: most names read in templates (`${id}`) are no function's.
 * A read through another name (an import renamed, a variable holding the
 * function) is not seen.
 */
export class SourceTextReads {
  private readonly candidates = new Map<string, Candidate[]>();

  /**
   * `files`: where reads are looked for; `checker`: resolves a read to its
   * declaration, or without one a function is read when a read names it;
   * `describe`: how a read is reported (`path:line`).
   */
  constructor(
    private readonly tsi: typeof ts,
    files: readonly ts.SourceFile[],
    private readonly checker: ts.TypeChecker | undefined,
    private readonly describe: (read: ts.Identifier) => string,
  ) {
    for (const file of files) {
      const text = file.text;
      for (const anchor of text.matchAll(ANCHOR)) {
        const position = nameAt(text, anchor.index!, anchor[0]);
        if (position === undefined) continue;
        const name = text.slice(position, nameEndingAfter(text, position));
        let list = this.candidates.get(name);
        if (list === undefined) this.candidates.set(name, (list = []));
        list.push({ file, position });
      }
    }
  }

  /** Where (`path:line`) the text of `fn`, a function declared as `name`, is read, or undefined. */
  readOf(fn: ts.Node, name: string): string | undefined {
    const { tsi, checker } = this;
    for (const candidate of this.candidates.get(name) ?? []) {
      if (candidate.read === undefined) {
        const read = identifierAt(tsi, candidate.file, candidate.position);
        candidate.read = read !== undefined && isReadAsText(tsi, read) ? read : null;
      }
      const { read } = candidate;
      if (read === null) continue;
      if (checker === undefined) return this.describe(read);
      candidate.declarations ??= declarationsOf(tsi, checker, read);
      if (candidate.declarations.some((declaration) => functionOf(tsi, declaration) === fn)) return this.describe(read);
    }
    return undefined;
  }
}

/** The declarations the name `read` resolves to, through an import. */
function declarationsOf(tsi: typeof ts, checker: ts.TypeChecker, read: ts.Identifier): readonly ts.Declaration[] {
  let symbol = checker.getSymbolAtLocation(read);
  if (symbol !== undefined && (symbol.flags & tsi.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations ?? [];
}

/** The end of the name that starts at `start`. */
function nameEndingAfter(text: string, start: number): number {
  let at = start;
  while (at < text.length && NAME_CHAR.test(text[at]!)) at++;
  return at;
}

/** Where the name whose text the anchor `found` at `at` reads starts, if the text around it is one of the forms. */
function nameAt(text: string, at: number, found: string): number | undefined {
  switch (found[0]) {
    case '$':
      return groupStart(TEMPLATE_NAME, text, at);
    case 'S':
      return at > 0 && NAME_CHAR.test(text[at - 1]!) ? undefined : groupStart(STRING_CALL, text, at);
    case 't': {
      const called = groupStart(TO_STRING_CALL, text, at);
      if (called !== undefined) return called;
      const dot = skipSpaceBack(text, at);
      if (text[dot - 1] !== '.' || !matchesAt(TO_STRING_METHOD, text, at)) return undefined;
      return nameEndingAt(text, skipSpaceBack(text, dot - 1));
    }
    case '+':
      return nameEndingAt(text, skipSpaceBack(text, at));
    default:
      return groupStart(QUOTE_PLUS_NAME, text, at);
  }
}

/** Where group 1 of `pattern` (sticky, with indices) starts when it matches at `at`. */
function groupStart(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.indices?.[1]?.[0];
}

/** Whether the sticky `pattern` matches at `at`. */
function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/** Where the white space that ends at `end` starts. */
function skipSpaceBack(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}

/** The start of the name that ends at `end`, if one does. */
function nameEndingAt(text: string, end: number): number | undefined {
  let at = end;
  while (at > 0 && NAME_CHAR.test(text[at - 1]!)) at--;
  return at < end ? at : undefined;
}

/** The identifier that starts at `position`, if the parse tree has one there (not a comment or a string). */
function identifierAt(tsi: typeof ts, file: ts.SourceFile, position: number): ts.Identifier | undefined {
  let node: ts.Node = file;
  for (;;) {
    const child: ts.Node | undefined = tsi.forEachChild(node, (c) => (c.pos <= position && position < c.end ? c : undefined));
    if (child === undefined) return undefined;
    if (tsi.isIdentifier(child)) return child.getStart(file) === position ? child : undefined;
    node = child;
  }
}

/** Whether `name` stands where its value becomes text, as the regular expression's forms say. */
function isReadAsText(tsi: typeof ts, name: ts.Identifier): boolean {
  const value: ts.Node = tsi.isPropertyAccessExpression(name.parent) && name.parent.name === name ? name.parent : name;
  const parent = value.parent;
  // Not a tagged template's: its tag is given the values themselves (lit-html takes listeners so).
  if (tsi.isTemplateSpan(parent)) return parent.expression === value && !tsi.isTaggedTemplateExpression(parent.parent.parent);
  if (tsi.isBinaryExpression(parent)) return parent.operatorToken.kind === tsi.SyntaxKind.PlusToken;
  if (tsi.isCallExpression(parent)) {
    // String(fn), toString.call(fn) and toString.apply(fn)
    return parent.arguments[0] === value;
  }
  // fn.toString()
  return (
    tsi.isPropertyAccessExpression(parent) &&
    parent.expression === value &&
    parent.name.text === 'toString' &&
    tsi.isCallExpression(parent.parent) &&
    parent.parent.expression === parent
  );
}

/** The function a declaration names: the function itself, or the function a variable, property or class field holds. */
function functionOf(tsi: typeof ts, declaration: ts.Declaration): ts.Node | undefined {
  if (tsi.isFunctionDeclaration(declaration) || tsi.isMethodDeclaration(declaration) || tsi.isFunctionExpression(declaration)) return declaration;
  const initializer =
    tsi.isVariableDeclaration(declaration) || tsi.isPropertyAssignment(declaration) || tsi.isPropertyDeclaration(declaration) ? declaration.initializer : undefined;
  if (initializer === undefined) return undefined;
  const value = skipErasedWrappers(tsi, initializer);
  return tsi.isArrowFunction(value) || tsi.isFunctionExpression(value) ? value : undefined;
}

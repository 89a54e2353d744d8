/**
 * The extension point for call-site instrumenters (HTTP clients and servers).
 *
 * The visitor offers every `CallExpression` and `NewExpression` of an
 * instrumented file that may call a library's API (`mayCallLibraryApi` in
 * transformer/select/callee.ts: not the calls of the program's own functions
 * nor of TypeScript's default library but its global `fetch`) to each
 * instrumenter in `callSiteInstrumenters` (transformer/instrumenters.ts), in
 * order, after the call's own children have been transformed; the first one
 * that returns a replacement wins, and the others are not asked. To add one,
 * write a module that exports a {@link CallSiteInstrumenter} and add it to
 * that list.
 *
 * Rules for an instrumenter:
 * - Decide with `file.checker` on `site.original` (a parse-tree node: the
 *   checker only knows those), never by the spelling of a name.
 * - Build the replacement from `site.visited`, whose arguments may already
 *   have been rewritten by spanweave; keep its evaluation order and `this`.
 * - Read runtime exports with `file.runtime('name')` (adds the import once),
 *   put static data in `file.declare('hint', expression)` (created once at
 *   module load), and make temporaries with `file.uniqueName('hint')`.
 * - Give new nodes the call's text range (`ts.setTextRange(node, site.original)`)
 *   so source maps point at the user's line.
 * - Return undefined to leave the call alone. Throwing is a bug: the error
 *   is reported as a diagnostic and the call is left alone.
 */
import type * as ts from 'typescript';
import type { FileContext } from './context';

/** A call or `new` expression offered to the instrumenters. */
export interface CallSite {
  /** The parse-tree node: ask the type checker about this one. */
  readonly original: ts.CallExpression | ts.NewExpression;
  /** The same call with its children already transformed: build the replacement from this one. */
  readonly visited: ts.CallExpression | ts.NewExpression;
}

/** Rewrites the call sites it recognises. */
export interface CallSiteInstrumenter {
  /** A short, stable name (`http-client`), used in diagnostics. */
  readonly name: string;
  /** The replacement expression for `site`, or undefined to leave it unchanged. */
  instrument(site: CallSite, file: FileContext): ts.Expression | undefined;
}

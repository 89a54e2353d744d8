/**
 * The transformer's emitters build the code around user code as TypeScript
 * nodes; the JavaScript instrumenter needs it as text to insert around the
 * user's text, untouched. So it calls the same emitters with a placeholder
 * (a "hole") where user code goes, prints the result, and cuts the text at
 * the holes: the shapes stay the transformer's, defined once.
 *
 * Printed code is put on one line (the printer escapes newlines inside
 * strings and ends every statement with `;`), so the user's code keeps its
 * line numbers even without source maps.
 */
import type * as ts from 'typescript';

/** The identifier that stands for a user expression in a template. */
const HOLE = '__spanweave_hole__';
/** The identifier whose statement stands for user statements. */
const STATEMENTS_HOLE = '__spanweave_statements__';
const HOLES = new RegExp(`${HOLE}|${STATEMENTS_HOLE};`);
/** The identifier that stands for the index of a function's descriptor. */
const SITE_HOLE = '__spanweave_site__';

export class TemplatePrinter {
  private readonly printer: ts.Printer;
  private readonly scratch: ts.SourceFile;

  constructor(private readonly tsi: typeof ts) {
    this.printer = tsi.createPrinter({ removeComments: true, newLine: tsi.NewLineKind.LineFeed });
    this.scratch = tsi.createSourceFile('spanweave-template.js', '', tsi.ScriptTarget.Latest, false, tsi.ScriptKind.JS);
  }

  /** A hole to put where a user expression goes. */
  hole(): ts.Identifier {
    return this.tsi.factory.createIdentifier(HOLE);
  }

  /** A block whose statements are a hole: where the user's statements go. */
  statementsHole(): ts.Block {
    const { factory } = this.tsi;
    return factory.createBlock([factory.createExpressionStatement(factory.createIdentifier(STATEMENTS_HOLE))], true);
  }

  /** A hole for the index of a function's descriptor, filled in by {@link withSite}. */
  siteHole(): ts.Identifier {
    return this.tsi.factory.createIdentifier(SITE_HOLE);
  }

  /** `pieces` with their site hole filled in with `index`. */
  withSite(pieces: readonly string[], index: string): string[] {
    return pieces.map((piece) => piece.split(SITE_HOLE).join(index));
  }

  /** The text of `node`, on one line. */
  print(node: ts.Node): string {
    return oneLine(this.printer.printNode(this.tsi.EmitHint.Unspecified, node, this.scratch));
  }

  /** The text of `node` cut at its holes: one more piece than there are holes. */
  pieces(node: ts.Node): string[] {
    return this.print(node).split(HOLES);
  }
}

/** Line breaks and their indentation become one space. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

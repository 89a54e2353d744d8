/**
 * Nodes spanweave builds are marked as needing no substitution.
 *
 * Why: the printer offers every identifier, call and binary expression of the
 * output to the substitution hooks of the transformers that ran after ours
 * (CommonJS and ES module imports and exports, namespaces, class aliases),
 * and TypeScript 6 looks up the file's module format on each offer. Those
 * hooks rewrite references to the user's declarations, found through the
 * parse tree, which our nodes are not part of, so for them the offer is pure
 * cost: a quarter of the extra printing time of a `functions: "all"` build.
 * Only nodes that are spanweave's own get the flag, never the user's nodes
 * they hold.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';

/** `node`, freshly made by spanweave, flagged to skip the later transformers' substitutions. */
export function own<T extends ts.Node>(file: Pick<FileContext, 'ts'>, node: T): T {
  return file.ts.setEmitFlags(node, file.ts.EmitFlags.NoSubstitution);
}

/** An identifier of spanweave's own making (`undefined`, a property name). */
export function ownIdentifier(file: Pick<FileContext, 'ts' | 'factory'>, text: string): ts.Identifier {
  return own(file, file.factory.createIdentifier(text));
}

/**
 * A statement or clause that holds nothing of the user's: the printer skips
 * its comment phase for every node inside it (it has no comments to find).
 * Source maps are not touched: these nodes have no position, so they map to
 * nothing either way.
 */
export function ownSubtree<T extends ts.Node>(file: Pick<FileContext, 'ts'>, node: T, alsoFlags: ts.EmitFlags = 0): T {
  // A fresh node: it has no flags of its own to keep; `alsoFlags` are the others its maker wants.
  return file.ts.setEmitFlags(node, file.ts.EmitFlags.NoComments | file.ts.EmitFlags.NoNestedComments | alsoFlags);
}

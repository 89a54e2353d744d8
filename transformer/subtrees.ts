/**
 * The parse-tree nodes of a file the visitor has to go into: those that are,
 * or hold, something it may rewrite. Everything else it returns as it is,
 * without descending.
 *
 * Why: `visitEachChild` on every node of a file was the largest part of the
 * transform (a fifth of it in a `functions: "all"` build), and most of a
 * function's body is expressions and statements spanweave never touches. One
 * read-only pass with `forEachChild` finds the paths the visitor needs,
 * about a third of the nodes. `forEachChild` costs nearly what
 * `visitEachChild` does per node, so the pass is worth only the visitor's
 * calls it saves, about a fifth less walking in all (measured on the
 * benchmark's programs, docs/transformer.md); nothing cheaper can tell where
 * a plain function expression or a call is, since no `transformFlags` bit of
 * a parent records either.
 *
 * What counts is decided without knowing the enclosing function's frame, so
 * it errs on the side of visiting: every function (selected or not, it may
 * hold selected ones), every `await`, `yield`, `try` and `return`, a
 * `for await` or `for (await using ...)`, a block that declares `await using`,
 * and a call that may be a library API's (`mayCallLibraryApi`).
 */
import type * as ts from 'typescript';
import { isAwaitUsing, declaresAwaitUsing } from './emit/disposal';
import { mayCallLibraryApi } from './select/callee';
import { NodeRole, nodeRoles } from './syntax';

/** What the visitor needs to know of a file's parse tree before it starts. */
export interface SubtreesToVisit {
  /** The nodes that are or hold something the visitor may rewrite. */
  readonly nodes: ReadonlySet<ts.Node>;
  /** The calls that may call a library's API (`mayCallLibraryApi`): the only ones offered to the call-site instrumenters. */
  readonly libraryCalls: ReadonlySet<ts.Node>;
}

/** The nodes of `file`, a parse tree, that the visitor goes into, and its calls that may be a library's. */
export function subtreesToVisit(tsi: typeof ts, program: ts.Program, file: ts.SourceFile): SubtreesToVisit {
  const roles = nodeRoles(tsi);
  const forEachChild = tsi.forEachChild;
  const marked = new Set<ts.Node>();
  const libraryCalls = new Set<ts.Node>();
  const mayRewrite = (node: ts.Node, role: NodeRole): boolean => {
    switch (role) {
      case NodeRole.Descend:
      case NodeRole.Labeled:
        return false;
      case NodeRole.Call:
        if (!mayCallLibraryApi(tsi, program, node as ts.CallExpression | ts.NewExpression)) return false;
        libraryCalls.add(node);
        return true;
      case NodeRole.ForOf:
        return (node as ts.ForOfStatement).awaitModifier !== undefined || declaresAwaitUsing(tsi, (node as ts.ForOfStatement).initializer);
      case NodeRole.Block:
        return (node as ts.Block).statements.some((statement) => isAwaitUsing(tsi, statement));
      default:
        return true;
    }
  };
  // Whether a child of the node being scanned was marked. Every child is
  // scanned, so each gets its own answer; one callback for all of them, not a
  // closure per node, with each node keeping its parent's answer meanwhile.
  let holds = false;
  const scanChild = (child: ts.Node): undefined => {
    // Identifiers, tokens and types, about half of all nodes, are answered here, without a call.
    if (roles[child.kind] !== NodeRole.Inert && scan(child)) holds = true;
    return undefined;
  };
  const scan = (node: ts.Node): boolean => {
    const role = roles[node.kind] as NodeRole;
    const parentHolds = holds;
    holds = false;
    forEachChild(node, scanChild);
    const childHolds = holds;
    holds = parentHolds;
    // Asked even when a child holds something: a call's own answer is recorded in `libraryCalls`.
    if (!mayRewrite(node, role) && !childHolds) return false;
    marked.add(node);
    return true;
  };
  scan(file);
  return { nodes: marked, libraryCalls };
}

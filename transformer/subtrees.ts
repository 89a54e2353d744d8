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
 * What counts is what the visitor rewrites, judged with the frame it will be
 * in, as the visitor judges it: a function the plan selects; in the body of a
 * selected function that suspends (async, or a generator), each `await`,
 * `yield` and `try`; in one whose returns go through the runtime, each
 * `return`; in an async one, a `for await` or `for (await using ...)` and a
 * block that declares `await using`; and anywhere, a call that may be a
 * library API's (`mayCallLibraryApi`). Like the visitor, the pass gives a
 * function's body the function's frame and the rest of it (decorators,
 * computed name, parameter defaults) the enclosing one. Asking the plan about
 * each function here rather than in the visitor costs nothing more (the
 * answer is kept), and leaves out most `return`s and `try`s and the unselected
 * functions, with the paths down to them: a tenth of a `functions: "all"`
 * build's transform of effect's core (docs/transformer.md).
 */
import type * as ts from 'typescript';
import { isAwaitUsing, declaresAwaitUsing } from './emit/disposal';
import type { FrameTraits } from './emit/frame';
import { rewritesReturn } from './emit/function-body';
import { mayCallLibraryApi } from './select/callee';
import type { InstrumentableFunction } from './select/describe';
import { NodeRole, nodeRoles } from './syntax';

/** What the visitor needs to know of a file's parse tree before it starts. */
export interface SubtreesToVisit {
  /** The nodes that are or hold something the visitor may rewrite. */
  readonly nodes: ReadonlySet<ts.Node>;
  /** The calls that may call a library's API (`mayCallLibraryApi`): the only ones offered to the call-site instrumenters. */
  readonly libraryCalls: ReadonlySet<ts.Node>;
}

/**
 * The nodes of `file`, a parse tree, that the visitor goes into, and its calls
 * that may be a library's. `frameOf` is the frame the visitor gives a
 * function's body: its traits when the plan selects it, else undefined.
 */
export function subtreesToVisit(
  tsi: typeof ts,
  program: ts.Program,
  file: ts.SourceFile,
  frameOf: (fn: InstrumentableFunction) => FrameTraits | undefined,
): SubtreesToVisit {
  const roles = nodeRoles(tsi);
  const forEachChild = tsi.forEachChild;
  const marked = new Set<ts.Node>();
  const libraryCalls = new Set<ts.Node>();
  /** The frame of the innermost function whose body is being scanned, undefined outside any or in one not selected. */
  let frame: FrameTraits | undefined;
  const mayRewrite = (node: ts.Node, role: NodeRole): boolean => {
    switch (role) {
      case NodeRole.Call:
        if (!mayCallLibraryApi(tsi, program, node as ts.CallExpression | ts.NewExpression)) return false;
        libraryCalls.add(node);
        return true;
      case NodeRole.Suspension:
      case NodeRole.Try:
        return frame !== undefined && frame.suspends;
      case NodeRole.Return:
        return frame !== undefined && rewritesReturn(frame);
      case NodeRole.ForOf:
        return frame !== undefined && frame.async && ((node as ts.ForOfStatement).awaitModifier !== undefined || declaresAwaitUsing(tsi, (node as ts.ForOfStatement).initializer));
      case NodeRole.Block:
        return frame !== undefined && frame.async && (node as ts.Block).statements.some((statement) => isAwaitUsing(tsi, statement));
      default:
        return false;
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
  /** Scans a function's children, its body in its own frame; whether the function is wrapped. */
  const scanFunction = (fn: InstrumentableFunction): boolean => {
    const body = fn.body;
    forEachChild(fn, (child) => (child === body ? undefined : scanChild(child)));
    if (body === undefined) return false;
    const outer = frame;
    const own = frameOf(fn);
    frame = own;
    scanChild(body);
    frame = outer;
    return own !== undefined;
  };
  const scan = (node: ts.Node): boolean => {
    const role = roles[node.kind] as NodeRole;
    const parentHolds = holds;
    holds = false;
    let rewrites: boolean;
    if (role === NodeRole.Function) {
      rewrites = scanFunction(node as InstrumentableFunction);
    } else {
      forEachChild(node, scanChild);
      // Asked even when a child holds something: a call's own answer is recorded in `libraryCalls`.
      rewrites = mayRewrite(node, role);
    }
    const childHolds = holds;
    holds = parentHolds;
    if (!rewrites && !childHolds) return false;
    marked.add(node);
    return true;
  };
  scan(file);
  return { nodes: marked, libraryCalls };
}

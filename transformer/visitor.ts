/**
 * The visitor of one instrumented file: one switch on the node kind sends each
 * form to its small handler; everything else is only descended into.
 */
import type * as ts from 'typescript';
import type { CallSite } from './callsites';
import type { FileContextImpl } from './context';
import { capturableParameters, declareDescriptor } from './emit/descriptor';
import { declaresAwaitUsing, releaseAtDisposal, releaseAtIterationDisposal } from './emit/disposal';
import { type Frame, frameFor, frameTraits } from './emit/frame';
import { returnValue, rewritesReturn, wrapBody } from './emit/function-body';
import { reenterInHandlers, wrapSuspendingLoop, wrapSuspension } from './emit/suspensions';
import { callSiteInstrumenters } from './instrumenters';
import type { InstrumentableFunction } from './select/describe';
import type { ProgramPlan } from './select/plan';
import { subtreesToVisit } from './subtrees';
import { NodeRole, nodeRoles } from './syntax';

/**
 * Original function nodes already wrapped, per transformation: when the
 * plugin is listed twice, both instances transform a file in the same
 * TransformationContext, and the second leaves them alone. Not one set for
 * the process: watch mode (and a language service) hands an unchanged file's
 * parse tree to the next program, and when that file is emitted again (a file
 * it imports changed) it must be wrapped again.
 */
const instrumentedIn = new WeakMap<ts.TransformationContext, WeakSet<ts.Node>>();

function instrumentedNodes(context: ts.TransformationContext): WeakSet<ts.Node> {
  let nodes = instrumentedIn.get(context);
  if (nodes === undefined) instrumentedIn.set(context, (nodes = new WeakSet()));
  return nodes;
}

/** Reports a fault of a call-site instrumenter; the call is then left unchanged. */
export type FaultReporter = (message: string, node: ts.Node) => void;

/** Transforms `input` (the file as the previous transformers left it; `file.sourceFile` is its parse tree). */
export function visitFile(file: FileContextImpl, plan: ProgramPlan, context: ts.TransformationContext, input: ts.SourceFile, reportFault: FaultReporter): ts.SourceFile {
  const tsi = file.ts;
  const { factory } = file;
  let frame: Frame | undefined;

  const roles = nodeRoles(tsi);
  const visitEachChild = tsi.visitEachChild;
  const instrumented = instrumentedNodes(context);

  const toVisit = subtreesToVisit(tsi, file.program, file.sourceFile, (fn) => {
    const selected = plan.selection(fn, file.sourceFile);
    return selected === undefined ? undefined : frameTraits(selected);
  });
  const synthesized = tsi.NodeFlags.Synthesized;

  const visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    const role = roles[node.kind];
    // A node another transformer made is not in the parse tree's set: always gone into.
    if (role === NodeRole.Inert || ((node.flags & synthesized) === 0 && !toVisit.nodes.has(node))) return node;
    switch (role) {
      case NodeRole.Function:
        return visitFunction(node as InstrumentableFunction);
      case NodeRole.Suspension:
        return frame?.suspends ? wrapSuspension(file, frame, descend(node as ts.AwaitExpression | ts.YieldExpression)) : descend(node);
      case NodeRole.Try:
        return frame?.suspends ? reenterInHandlers(file, frame, descend(node as ts.TryStatement)) : descend(node);
      case NodeRole.ForOf:
        return frame?.async ? visitAsyncForOf(node as ts.ForOfStatement, frame) : descend(node);
      case NodeRole.Labeled:
        return visitLabeled(node as ts.LabeledStatement);
      case NodeRole.Return:
        return frame !== undefined && rewritesReturn(frame) && (node as ts.ReturnStatement).expression ? visitReturn(node as ts.ReturnStatement, frame) : descend(node);
      case NodeRole.Call:
        return visitCallSite(node as ts.CallExpression | ts.NewExpression);
      case NodeRole.Block:
        return frame?.async ? releaseAtDisposal(file, frame, descend(node as ts.Block)) : descend(node);
      default:
        return descend(node);
    }
  };

  function descend<T extends ts.Node>(node: T): T {
    return visitEachChild(node, visit, context);
  }

  /** The one guard: only parse-tree functions the plan selected, and each only once. */
  function visitFunction(node: InstrumentableFunction): ts.Node {
    const original = tsi.getOriginalNode(node);
    // A function another transformer made has no parse tree node: nothing to choose by.
    const selected = tsi.getParseTreeNode(original) === original ? plan.selection(original, file.sourceFile) : undefined;
    const claimed = selected !== undefined && node.body !== undefined && !instrumented.has(original);
    if (claimed) instrumented.add(original);
    const ownFrame = claimed ? frameFor(selected, file.localName('spanweave_call')) : undefined;
    // Everything but the body (decorators, computed names, parameter defaults) belongs to the enclosing frame.
    const visited = visitEachChild(node, (child) => (child === node.body ? visitBody(child, ownFrame) : visit(child)), context);
    if (!claimed || ownFrame === undefined) return visited;
    // Parameter names are needed only to capture their values.
    const args = selected.captureArgs ? capturableParameters(tsi, node.parameters).map((name) => factory.createIdentifier(name.text)) : [];
    const descriptor = declareDescriptor(file, selected, args);
    const body = wrapBody(file, ownFrame, descriptor, selected.captureArgs && args.length > 0 ? args : undefined, visited.body!);
    return tsi.setOriginalNode(withBody(visited, body), node);
  }

  function visitBody(body: ts.Node, own: Frame | undefined): ts.VisitResult<ts.Node | undefined> {
    const outer = frame;
    frame = own;
    try {
      return visit(body);
    } finally {
      frame = outer;
    }
  }

  /** `for await` steps and `await using` disposals of a loop in an async frame, and the re-entry after the loop. */
  function visitAsyncForOf(node: ts.ForOfStatement, own: Frame): ts.VisitResult<ts.Node> {
    const disposes = declaresAwaitUsing(tsi, node.initializer);
    if (!node.awaitModifier && !disposes) return descend(node);
    const visited = descend(node);
    return wrapSuspendingLoop(file, own, disposes ? releaseAtIterationDisposal(file, own, visited) : visited);
  }

  function visitReturn(node: ts.ReturnStatement, own: Frame): ts.Statement {
    const visited = descend(node);
    return factory.updateReturnStatement(visited, returnValue(file, own, visited.expression!));
  }

  /** A labelled `for await` keeps its label on the loop; the re-entry follows the labelled statement. */
  function visitLabeled(node: ts.LabeledStatement): ts.VisitResult<ts.Node> {
    const visited = visit(node.statement);
    if (Array.isArray(visited) && visited.length === 2) {
      const [loop, after] = visited as ts.Statement[];
      return [factory.updateLabeledStatement(node, node.label, loop), after];
    }
    return factory.updateLabeledStatement(node, node.label, visited as ts.Statement);
  }

  function visitCallSite(node: ts.CallExpression | ts.NewExpression): ts.Node {
    const visited = descend(node);
    const parsed = tsi.getParseTreeNode(node);
    if (callSiteInstrumenters.length === 0 || parsed === undefined || !toVisit.libraryCalls.has(parsed)) return visited;
    const site: CallSite = { original: node, visited };
    for (const instrumenter of callSiteInstrumenters) {
      try {
        const replacement = instrumenter.instrument(site, file);
        if (replacement !== undefined) return replacement;
      } catch (error) {
        reportFault(`call-site instrumenter '${instrumenter.name}' failed: ${error instanceof Error ? error.message : String(error)}`, node);
      }
    }
    return visited;
  }

  function withBody(node: InstrumentableFunction, body: ts.Block): ts.Node {
    switch (node.kind) {
      case tsi.SyntaxKind.FunctionDeclaration:
        return factory.updateFunctionDeclaration(node, node.modifiers, node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, body);
      case tsi.SyntaxKind.FunctionExpression:
        return factory.updateFunctionExpression(node, node.modifiers, node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, body);
      case tsi.SyntaxKind.ArrowFunction:
        return factory.updateArrowFunction(node, node.modifiers, node.typeParameters, node.parameters, node.type, node.equalsGreaterThanToken, body);
      case tsi.SyntaxKind.MethodDeclaration:
        return factory.updateMethodDeclaration(node, node.modifiers, node.asteriskToken, node.name, node.questionToken, node.typeParameters, node.parameters, node.type, body);
      case tsi.SyntaxKind.GetAccessor:
        return factory.updateGetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, node.type, body);
      case tsi.SyntaxKind.SetAccessor:
        return factory.updateSetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, body);
      default:
        return factory.updateConstructorDeclaration(node, node.modifiers, node.parameters, body);
    }
  }

  return file.finish(descend(input));
}

/**
 * The edits that instrument one parsed file: the same walk as the
 * transformer's visitor (transformer/visitor.ts), but each rewrite is text
 * inserted around the user's text, cut from what the transformer's own
 * emitters build (see templates.ts):
 *
 *   function f(a) { body }        =>  function f(a) { const call = ...enterFunction(...); try { body } catch (e) { ... } finally { ... } }
 *   (a) => expr                   =>  (a) => { const call = ...; try { return expr; } catch (e) { ... } finally { ... } }
 *   await x                       =>  rt.awaited(call, await rt.awaiting(call, x))
 *   yield* xs                     =>  rt.resume(call, yield* rt.yieldDelegate(call, xs))   (rt.forAwait in an async generator)
 *   catch (e) { ... }             =>  catch (e) { rt.reenter(call); ... }
 *   for await (v of xs) s         =>  for await (v of rt.forAwait(call, xs)) { rt.reenter(call); s } rt.reenter(call);
 *   { await using r = x; s }      =>  { try { await using r = x; using d = ...; s } finally { rt.reenter(call); } }   (emit/disposal.ts)
 *   return x                      =>  return rt.returned(call, x)        (plain functions, captureReturn)
 *   fetch(url)                    =>  rt.httpClientCall("fetch", void 0, fetch, url)        (see http-calls.ts)
 *   http.createServer(listener)   =>  http.createServer(rt.instrumentRequestListener(listener))  (see http-servers.ts)
 */
import type * as ts from 'typescript';
import { capturableParameters, declareDescriptor } from '../emit/descriptor';
import { leadingDirectives } from '../emit/directives';
import { declaresAwaitUsing, handBack, isAwaitUsing } from '../emit/disposal';
import { type Frame, frameFor } from '../emit/frame';
import { returnValue, rewritesReturn, wrapBody } from '../emit/function-body';
import { forAwaitSteps, reenter, wrapSuspension } from '../emit/suspensions';
import { type InstrumentableFunction, isInstrumentable } from '../select/describe';
import type { SelectedFunction } from '../select/plan';
import type { JsFileContext } from './context';
import type { EditList } from './edits';
import type { HttpCallRewriter } from './http-calls';
import type { HttpServerRewriter } from './http-servers';
import type { TemplatePrinter } from './templates';

export function rewriteFile(
  file: JsFileContext,
  functions: ReadonlyMap<ts.Node, SelectedFunction>,
  printer: TemplatePrinter,
  edits: EditList,
  http: { calls?: HttpCallRewriter; servers?: HttpServerRewriter },
): void {
  const tsi = file.ts;
  const { factory } = file;
  const text = file.sourceFile.text;
  let frame: Frame | undefined;
  // Every function of the file has the same local names (JsFileContext.localName), so a shape of
  // wrapper, return or suspension prints the same text each time: printed once, then reused.
  const printed = new Map<string, string[]>();
  const piecesOf = (key: string, template: () => ts.Node): string[] => {
    let pieces = printed.get(key);
    if (pieces === undefined) {
      pieces = printer.pieces(template());
      printed.set(key, pieces);
    }
    return pieces;
  };
  const textOf = (key: string, template: () => ts.Node): string => piecesOf(key, template)[0]!;

  const visit = (node: ts.Node, depth: number): void => {
    if (isInstrumentable(tsi, node)) return visitFunction(node, depth);
    switch (node.kind) {
      case tsi.SyntaxKind.AwaitExpression:
      case tsi.SyntaxKind.YieldExpression:
        if (frame?.suspends) suspension(frame, node as ts.AwaitExpression | ts.YieldExpression, depth);
        break;
      case tsi.SyntaxKind.TryStatement:
        if (frame?.suspends) reenterInHandlers(frame, node as ts.TryStatement);
        break;
      case tsi.SyntaxKind.ForOfStatement:
        if (frame?.async) asyncForOf(frame, node as ts.ForOfStatement, depth);
        break;
      case tsi.SyntaxKind.Block:
        if (frame?.async) releaseAtDisposal(frame, node as ts.Block, depth);
        break;
      case tsi.SyntaxKind.ReturnStatement:
        if (frame !== undefined && rewritesReturn(frame) && (node as ts.ReturnStatement).expression) returned(frame, (node as ts.ReturnStatement).expression!, depth);
        break;
      case tsi.SyntaxKind.CallExpression:
        http.calls?.rewrite(node as ts.CallExpression, depth);
        http.servers?.rewrite(node as ts.CallExpression, depth);
        break;
      case tsi.SyntaxKind.NewExpression:
        http.servers?.rewrite(node as ts.NewExpression, depth);
        break;
    }
    tsi.forEachChild(node, (child) => visit(child, depth + 1));
  };

  function visitFunction(node: InstrumentableFunction, depth: number): void {
    const selected = functions.get(node);
    const body = node.body;
    const own = selected !== undefined && body !== undefined ? frameFor(selected, file.localName('spanweave_call')) : undefined;
    tsi.forEachChild(node, (child) => {
      if (child !== body) return visit(child, depth + 1);
      const outer = frame;
      frame = own;
      visit(child, depth + 1);
      frame = outer;
    });
    if (own === undefined || body === undefined) return;
    const args = capturableParameters(tsi, node.parameters).map((name) => factory.createIdentifier(name.text));
    const descriptor = declareDescriptor(file, selected!, args);
    const captured = selected!.captureArgs && args.length > 0 ? args : undefined;
    const wrapper = (hole: 'block' | 'expression', body: () => ts.ConciseBody): string[] => {
      const key = `body ${hole} ${own.suspends} ${own.async} ${own.rewriteReturns} ${own.awaitsReturns} ${captured?.map((a) => a.text).join(',')}`;
      const site = factory.updateElementAccessExpression(descriptor, descriptor.expression, printer.siteHole());
      return printer.withSite(piecesOf(key, () => wrapBody(file, own, site, captured, body())), (descriptor.argumentExpression as ts.NumericLiteral).text);
    };
    if (tsi.isBlock(body)) wrapBlock(wrapper('block', () => printer.statementsHole()), body, depth + 1);
    else wrapExpression(wrapper('expression', () => printer.hole()), body, depth + 1);
  }

  /** `{ [directives] <open> statements <close> }`: the try goes inside the braces, after the directives. */
  function wrapBlock([open, close]: string[], body: ts.Block, depth: number): void {
    const directives = leadingDirectives(tsi, body.statements);
    const last = directives[directives.length - 1];
    const at = last === undefined ? body.getStart(file.sourceFile) + 1 : last.end;
    edits.surround(at, body.end - 1, depth, `${separatorAfter(last)} ${withoutFirst(open!, '{')} `, ` ${withoutLast(close!, '}')} `);
  }

  /** An arrow's expression body becomes a block that returns it. */
  function wrapExpression([open, close]: string[], body: ts.Expression, depth: number): void {
    edits.surround(body.getStart(file.sourceFile), body.end, depth, open!, close!);
  }

  /** The keyword (and `*`) up to the operand is replaced by the template's text, which ends with the keyword again. */
  function suspension(own: Frame, node: ts.AwaitExpression | ts.YieldExpression, depth: number): void {
    const start = node.getStart(file.sourceFile);
    if (node.expression === undefined) {
      edits.replace(start, node.end, textOf('yield', () => wrapSuspension(file, own, factory.createYieldExpression(undefined, undefined))));
      return;
    }
    const awaits = tsi.isAwaitExpression(node);
    const star = awaits ? undefined : node.asteriskToken;
    const key = awaits ? 'await' : star ? `yield* ${own.async}` : 'yield x';
    const shape = (): ts.AwaitExpression | ts.YieldExpression =>
      awaits
        ? factory.createAwaitExpression(printer.hole())
        : star
          ? factory.createYieldExpression(factory.createToken(tsi.SyntaxKind.AsteriskToken), printer.hole())
          : factory.createYieldExpression(undefined, printer.hole());
    const [open, close] = piecesOf(key, () => wrapSuspension(file, own, shape()));
    edits.replace(start, node.expression.getStart(file.sourceFile), open!);
    edits.close(node.expression.end, depth, close!);
  }

  function reenterInHandlers(own: Frame, node: ts.TryStatement): void {
    const statement = textOf('reenter', () => reenter(file, own));
    for (const block of [node.catchClause?.block, node.finallyBlock]) {
      if (block !== undefined) edits.open(block.getStart(file.sourceFile) + 1, 0, ` ${statement}`);
    }
  }

  /**
   * A `for await` loop's steps go through the runtime; a `for (await using x
   * of xs)` loop hands the context back before each iteration's disposal
   * (emit/disposal.ts). Either way its body and the code after it re-enter.
   */
  function asyncForOf(own: Frame, node: ts.ForOfStatement, depth: number): void {
    const disposes = declaresAwaitUsing(tsi, node.initializer);
    if (!node.awaitModifier && !disposes) return;
    if (node.awaitModifier) {
      const [open, close] = piecesOf('for await', () => forAwaitSteps(file, own, printer.hole()));
      edits.surround(node.expression.getStart(file.sourceFile), node.expression.end, depth, open!, close!);
    }
    const statement = textOf('reenter', () => reenter(file, own));
    // Not from the cache: each hand-back declares a name of its own.
    const opening = disposes ? `${statement} ${printer.print(handBack(file, own))}` : statement;
    const body = node.statement;
    if (tsi.isBlock(body)) {
      edits.open(body.getStart(file.sourceFile) + 1, depth + 1, ` ${opening}`);
    } else {
      edits.surround(body.getStart(file.sourceFile), body.end, depth + 1, `{ ${opening} `, ' }');
    }
    // The re-entry follows the loop (and its label); where one statement is expected, both go in a block.
    let loop: ts.Node = node;
    while (tsi.isLabeledStatement(loop.parent)) loop = loop.parent;
    const inList = tsi.isBlock(loop.parent) || tsi.isSourceFile(loop.parent) || tsi.isCaseOrDefaultClause(loop.parent) || tsi.isModuleBlock(loop.parent);
    if (!inList) edits.open(loop.getStart(file.sourceFile), depth - 1, '{ ');
    edits.close(node.end, depth - 1, ` ${statement}${inList ? '' : ' }'}`);
  }

  /** A block with `await using` declarations: a hand-back after each, the statements in a `try` whose `finally` re-enters. */
  function releaseAtDisposal(own: Frame, block: ts.Block, depth: number): void {
    const disposing = block.statements.filter((statement) => isAwaitUsing(tsi, statement));
    if (disposing.length === 0) return;
    const directives = leadingDirectives(tsi, block.statements);
    const last = directives[directives.length - 1];
    const at = last === undefined ? block.getStart(file.sourceFile) + 1 : last.end;
    edits.surround(at, block.end - 1, depth + 1, `${separatorAfter(last)} try {`, ` } finally { ${textOf('reenter', () => reenter(file, own))} }`);
    for (const statement of disposing) edits.open(statement.end, depth + 2, `${separatorAfter(statement)} ${printer.print(handBack(file, own))}`);
  }

  /** `;` after a statement that ends without one (a directive or declaration ended by a line break). */
  function separatorAfter(statement: ts.Statement | undefined): string {
    return statement !== undefined && text[statement.end - 1] !== ';' ? ';' : '';
  }

  function returned(own: Frame, expression: ts.Expression, depth: number): void {
    const [open, close] = piecesOf(`return ${own.rewriteReturns} ${own.awaitsReturns}`, () => returnValue(file, own, printer.hole()));
    const comma = tsi.isBinaryExpression(expression) && expression.operatorToken.kind === tsi.SyntaxKind.CommaToken;
    edits.surround(expression.getStart(file.sourceFile), expression.end, depth, comma ? `${open}(` : open!, comma ? `)${close}` : close!);
  }

  visit(file.sourceFile, 0);
}

function withoutFirst(text: string, char: string): string {
  return text.startsWith(char) ? text.slice(1).trim() : text;
}

function withoutLast(text: string, char: string): string {
  return text.endsWith(char) ? text.slice(0, -1).trim() : text;
}

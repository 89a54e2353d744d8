/**
 * Inside an async function or a generator, the span is active only while the
 * body runs: each suspension hands the caller's (or consumer's) context back,
 * and each resumption takes the span's again (design.md, "Activating the span
 * without changing timing"). No closure, no extra tick.
 *
 *   await x                 =>   rt.awaited(call, await rt.awaiting(call, x))
 *                                (below ES2018 output: rt.resume(call, await rt.suspend(call, x)))
 *   yield x                 =>   rt.resume(call, yield rt.suspend(call, x))
 *   yield* xs               =>   rt.resume(call, yield* rt.yieldDelegate(call, xs))
 *                                (in an async generator: rt.forAwait(call, xs))
 *
 *   try { a } catch (e) { b } finally { c }
 *                           =>   try { a } catch (e) { rt.reenter(call); b } finally { rt.reenter(call); c }
 *
 *   for await (const v of xs) body
 *                           =>   for await (const v of rt.forAwait(call, xs)) { rt.reenter(call); body }
 *                                rt.reenter(call);
 *
 *   for (await using v of xs) body   (its hand-back first in the body: emit/disposal.ts)
 *                           =>   for (await using v of xs) { rt.reenter(call); body }
 *                                rt.reenter(call);
 *
 * The operand is evaluated first, inside the span. A rejected `await` or a
 * generator's `throw()`/`return()` resumes in a `catch` or `finally`, hence
 * the re-entry there. `rt.forAwait` hands the context back before each hidden
 * await of the loop; the loop body and the code after the loop take it again.
 * A `yield*` delegate's steps are driven by the consumer's `next()`, in the
 * consumer's context: `rt.yieldDelegate` and `rt.forAwait` run each step in
 * the span's context and hand the context back with its result.
 *
 * A native `await` resumes in the context it began in, so only the first
 * suspension after a call (or a generator's resumption), which returns to
 * the caller's code, needs the hand-back: `rt.awaiting` does it then only,
 * and `rt.awaited` re-enters only if it did. Below ES2018, TypeScript's
 * helpers resume an `await` from callbacks of the global `Promise`, which a
 * program may replace: there every `await` hands back and re-enters.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import type { Frame } from './frame';
import { own } from './own-nodes';

/** `await x`, `yield x` or `yield* x`, already visited. */
export function wrapSuspension(file: FileContext, frame: Frame, node: ts.AwaitExpression | ts.YieldExpression): ts.Expression {
  const { factory, ts: tsi } = file;
  const operand = node.expression ?? factory.createVoidZero();
  const [before, after] = hooksOf(file, frame, node);
  const suspended = own(file, factory.createCallExpression(file.runtime(before), undefined, [frame.call, operand]));
  const resumed = tsi.isAwaitExpression(node) ? factory.updateAwaitExpression(node, suspended) : factory.updateYieldExpression(node, node.asteriskToken, suspended);
  return tsi.setTextRange(own(file, factory.createCallExpression(file.runtime(after), undefined, [frame.call, resumed])), node);
}

/** The runtime's hooks around a suspension: before it (given the operand) and after it. */
function hooksOf(file: FileContext, frame: Frame, node: ts.AwaitExpression | ts.YieldExpression): [string, string] {
  if (file.ts.isAwaitExpression(node)) return file.downlevelsAwait ? ['suspend', 'resume'] : ['awaiting', 'awaited'];
  if (node.asteriskToken) return [frame.async ? 'forAwait' : 'yieldDelegate', 'resume'];
  return ['suspend', 'resume'];
}

/** A visited `try` with `rt.reenter(call)` first in its `catch` and `finally` blocks. */
export function reenterInHandlers(file: FileContext, frame: Frame, node: ts.TryStatement): ts.TryStatement {
  const { factory } = file;
  const catchClause = node.catchClause && factory.updateCatchClause(node.catchClause, node.catchClause.variableDeclaration, prependReenter(file, frame, node.catchClause.block));
  const finallyBlock = node.finallyBlock && prependReenter(file, frame, node.finallyBlock);
  return factory.updateTryStatement(node, node.tryBlock, catchClause, finallyBlock);
}

/**
 * A visited loop that suspends between its iterations (`for await`, or a
 * `for (await using x of xs)` head, emit/disposal.ts), and the re-entry that
 * follows it. Only a `for await` loop's steps go through the runtime.
 */
export function wrapSuspendingLoop(file: FileContext, frame: Frame, node: ts.ForOfStatement): [ts.ForOfStatement, ts.Statement] {
  const { factory, ts: tsi } = file;
  const steps = node.awaitModifier ? forAwaitSteps(file, frame, node.expression) : node.expression;
  const body = tsi.isBlock(node.statement) ? node.statement : factory.createBlock([node.statement], true);
  const loop = factory.updateForOfStatement(node, node.awaitModifier, node.initializer, steps, prependReenter(file, frame, body));
  return [loop, reenter(file, frame)];
}

/** `rt.forAwait(call, xs)`: the iterable of a `for await` loop (or of a `yield*` in an async generator). */
export function forAwaitSteps(file: FileContext, frame: Frame, iterable: ts.Expression): ts.Expression {
  return own(file, file.factory.createCallExpression(file.runtime('forAwait'), undefined, [frame.call, iterable]));
}

function prependReenter(file: FileContext, frame: Frame, block: ts.Block): ts.Block {
  return file.factory.updateBlock(block, [reenter(file, frame), ...block.statements]);
}

/** `rt.reenter(call);` */
export function reenter(file: FileContext, frame: Frame): ts.Statement {
  return file.factory.createExpressionStatement(own(file, file.factory.createCallExpression(file.runtime('reenter'), undefined, [frame.call])));
}

/**
 * `await using` in an async function: at the end of its block, the disposal
 * awaits each resource, and those awaits are the language's, with no
 * expression to wrap as `await x` is (emit/suspensions.ts). Left alone, the
 * caller would go on inside the function's span while the function waits.
 *
 *   {                                     {
 *     await using r = open();                try {
 *     body                                     await using r = open();
 *   }                                 =>       using spanweave_disposal_1 = call && { [Symbol.dispose]: () => rt.suspend(call, void 0) };
 *                                              body
 *                                            }
 *                                            finally {
 *                                              rt.reenter(call);
 *                                            }
 *                                          }
 *
 * The `using` right after each `await using` is disposed just before that
 * resource, synchronously: it hands the caller's context back before the
 * disposal's first await, and adds no tick (a sync resource disposed first
 * is not awaited). With tracing off `call` is undefined, and so is the
 * resource: nothing is disposed. The `finally` takes the span's context again
 * once the disposal is over, however the block is left. The resources'
 * dispose methods run in the caller's context, as the code after an `await`
 * would before its re-entry.
 *
 * Only the language's `Symbol.dispose` and the runtime's `suspend` and
 * `reenter` are used, so no name is added to the contract (docs/contract.md).
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import { leadingDirectives } from './directives';
import type { Frame } from './frame';
import { own, ownIdentifier } from './own-nodes';
import { reenter } from './suspensions';

/** A visited block of an async frame, its `await using` disposals handing the context back; any other block as it is. */
export function releaseAtDisposal(file: FileContext, frame: Frame, block: ts.Block): ts.Block {
  const tsi = file.ts;
  if (!block.statements.some((statement) => isAwaitUsing(tsi, statement))) return block;
  const { factory } = file;
  const directives = leadingDirectives(tsi, block.statements);
  const statements = block.statements.slice(directives.length).flatMap((statement) => (isAwaitUsing(tsi, statement) ? [statement, handBack(file, frame)] : [statement]));
  const guarded = factory.createTryStatement(factory.createBlock(statements, true), undefined, factory.createBlock([reenter(file, frame)], true));
  return factory.updateBlock(block, [...directives, guarded]);
}

/**
 * A visited `for (await using x of xs)` loop with its hand-back first in the
 * body: each iteration's disposal hands the context back, as in a block. The
 * body and the code after the loop take it again (emit/suspensions.ts,
 * `wrapSuspendingLoop`, puts its re-entry before the hand-back).
 *
 *   for (await using x of xs) body   =>   for (await using x of xs) { using spanweave_disposal_1 = ...; body }
 *
 * The `using` is the body block's: it is disposed as the body ends, just
 * before the iteration's `x`.
 */
export function releaseAtIterationDisposal(file: FileContext, frame: Frame, loop: ts.ForOfStatement): ts.ForOfStatement {
  const { factory, ts: tsi } = file;
  const body = tsi.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  const statements = [handBack(file, frame), ...body];
  const block = tsi.isBlock(loop.statement) ? factory.updateBlock(loop.statement, statements) : factory.createBlock(statements, true);
  return factory.updateForOfStatement(loop, loop.awaitModifier, loop.initializer, loop.expression, block);
}

/** Whether a `for...of` loop declares its variable with `await using`. */
export function declaresAwaitUsing(tsi: typeof ts, initializer: ts.ForInitializer): boolean {
  return tsi.isVariableDeclarationList(initializer) && isAwaitUsingList(tsi, initializer);
}

/** Whether a statement is an `await using` declaration. */
export function isAwaitUsing(tsi: typeof ts, statement: ts.Statement): boolean {
  return tsi.isVariableStatement(statement) && isAwaitUsingList(tsi, statement.declarationList);
}

function isAwaitUsingList(tsi: typeof ts, list: ts.VariableDeclarationList): boolean {
  return (list.flags & tsi.NodeFlags.BlockScoped) === tsi.NodeFlags.AwaitUsing;
}

/** `using spanweave_disposal_1 = call && { [Symbol.dispose]: () => rt.suspend(call, void 0) };` */
export function handBack(file: FileContext, frame: Frame): ts.Statement {
  const { factory, ts: tsi } = file;
  const dispose = factory.createPropertyAccessExpression(ownIdentifier(file, 'Symbol'), ownIdentifier(file, 'dispose'));
  const suspend = own(file, factory.createCallExpression(file.runtime('suspend'), undefined, [frame.call, factory.createVoidZero()]));
  const method = factory.createPropertyAssignment(factory.createComputedPropertyName(dispose), factory.createArrowFunction(undefined, undefined, [], undefined, undefined, suspend));
  const resource = factory.createLogicalAnd(frame.call, factory.createObjectLiteralExpression([method]));
  const declaration = factory.createVariableDeclaration(file.uniqueName('spanweave_disposal'), undefined, undefined, resource);
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([declaration], tsi.NodeFlags.Using));
}

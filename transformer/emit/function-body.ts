/**
 * Wraps the body of a selected function in its span. The parameter list, the
 * function's kind and everything in the body stay as they are.
 *
 *   function find(id) {                     function find(id) {
 *     "use strict";                            "use strict";
 *     return db.get(id);             =>        const spanweave_call = spanweave_enter_1(0);
 *   }                                          try {
 *                                                  return db.get(id);
 *                                              } catch (spanweave_error) { throw spanweave_1.failFunction(spanweave_call, spanweave_error); } finally { spanweave_1.exitFunction(spanweave_call); }
 *                                          }
 *
 * The handlers are printed on the line that closes the body: the printer's
 * time grows with the lines and tokens it writes, and four lines fewer a
 * function took about 3% off the emit's CPU time in a `functions: "all"`
 * build of the benchmark's large program (docs/transformer.md, "Fewer
 * printed lines").
 *
 * With tracing off, a call is one check, then the original body: the file's
 * helper `spanweave_enter_1` (emit/enter-helper.ts), which V8 inlines, reads
 * two module variables and `tracing.on` (the runtime's names read only after
 * it passed are bound in the prologue, emit/runtime-locals.ts). The
 * `finally` calls `exitFunction`, which returns at once without a frame, and
 * V8 inlines it and the function into its caller as it does the plain one
 * (docs/contract.md, "The cost of a call with tracing off"). The `catch`
 * rethrows what `failFunction` returns: the error it was given, the same
 * object. Both are read off the runtime's module object, not a prologue
 * variable, because they run without a frame too: a hoisted function called
 * before its module's prologue ran (a circular ES import) finds the
 * descriptor list undefined and runs untraced, and an ES module binds the
 * runtime's namespace before any of its code runs. With `captureArgs` the
 * check is written out in the function, `[id]` built only when it passed:
 * `spanweave_sites_1 !== undefined && spanweave_tracing_1.on ?
 * spanweave_enterFunction_1(spanweave_sites_1[0], [id]) : undefined`.
 *
 * `spanweave_call` and `spanweave_error` are the same in every function of a
 * file whose text holds no `spanweave` (FileContext.localName; below
 * ES2015 an async function's or generator's catch parameter is unique, see
 * `catchBinding`): each is read
 * only in the body that declares it, and a wrapped function nested in it
 * declares its own, which shadows the outer one for its body alone. Its
 * parameter defaults cannot read either name (an `await` or `yield` there is
 * a syntax error) and its computed name or decorators belong to the outer
 * body, where the outer names are the ones in scope
 * (fixtures/functions-nesting).
 *
 * In a derived constructor the first statement reads no `this`, so it may
 * precede `super()`; TypeScript still finds `super()` inside the `try` when
 * it adds parameter properties and field initializers after it.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import { leadingDirectives } from './directives';
import type { Frame, FrameTraits } from './frame';
import { enterFrame } from './enter-helper';
import { own, ownSubtree } from './own-nodes';

/** The new body for a function whose (already visited) body is `body`; `site` reads its descriptor. */
export function wrapBody(file: FileContext, frame: Frame, site: ts.ElementAccessExpression, args: readonly ts.Identifier[] | undefined, body: ts.ConciseBody): ts.Block {
  const { factory, ts: tsi } = file;
  const statements = tsi.isBlock(body) ? body.statements : [returnOf(file, frame, body)];
  const directives = leadingDirectives(tsi, statements);
  const rest = statements.slice(directives.length);
  const tryBlock = tsi.setTextRange(factory.createBlock(rest, true), tsi.isBlock(body) ? body : undefined);
  const { catchClause, finallyBlock } = handlersOf(file, frame);
  const handled = tsi.setEmitFlags(factory.createTryStatement(tryBlock, catchClause, finallyBlock), tsi.EmitFlags.SingleLine);
  const wrapped = [...directives, enterStatement(file, frame, site, args), handled];
  const block = factory.createBlock(wrapped, true);
  return tsi.setTextRange(block, body);
}

/** A wrapper's `catch` clause and `finally` block: they hold nothing of the function's own. */
interface Handlers {
  catchClause: ts.CatchClause;
  finallyBlock: ts.Block;
}

/**
 * The handlers every wrapper of a file shares, when its functions' locals
 * have the same names (FileContext.sameLocalNames): one pair of node trees
 * printed in each function, instead of 18 new nodes a function for the
 * garbage collector. Nothing after spanweave changes them: the later
 * transformers rebuild a node they rewrite, and these are flagged to skip
 * their substitutions. Not shared where TypeScript rewrites them, in async
 * functions and generators turned into state machines (`catchBinding`).
 */
const sharedHandlers = new WeakMap<FileContext, Handlers>();

function handlersOf(file: FileContext, frame: Frame): Handlers {
  if (!file.sameLocalNames || (frame.suspends && file.downlevelsGenerators)) return handlers(file, frame);
  let shared = sharedHandlers.get(file);
  if (shared === undefined) sharedHandlers.set(file, (shared = handlers(file, frame)));
  return shared;
}

/** `catch (error) { throw rt.failFunction(call, error); }` and `finally { rt.exitFunction(call); }`, each on one line. */
function handlers(file: FileContext, frame: Frame): Handlers {
  const { factory } = file;
  const error = catchBinding(file, frame);
  const failed = own(file, factory.createCallExpression(file.runtime('failFunction'), undefined, [frame.call, error]));
  const singleLine = file.ts.EmitFlags.SingleLine;
  const catchBlock = file.ts.setEmitFlags(factory.createBlock([factory.createThrowStatement(failed)]), singleLine);
  const catchClause = ownSubtree(file, factory.createCatchClause(factory.createVariableDeclaration(error), catchBlock));
  const exit = own(file, factory.createCallExpression(file.runtime('exitFunction'), undefined, [frame.call]));
  return { catchClause, finallyBlock: ownSubtree(file, factory.createBlock([factory.createExpressionStatement(exit)]), singleLine) };
}

/** `const call = enter(i);` (emit/enter-helper.ts) */
function enterStatement(file: FileContext, frame: Frame, site: ts.ElementAccessExpression, args: readonly ts.Identifier[] | undefined): ts.Statement {
  const { factory, ts: tsi } = file;
  const declaration = factory.createVariableDeclaration(frame.call, undefined, undefined, enterFrame(file, site, args));
  return ownSubtree(file, factory.createVariableStatement(undefined, factory.createVariableDeclarationList([declaration], tsi.NodeFlags.Const)));
}

/**
 * The wrapper's catch parameter. Below ES2015, TypeScript rewrites an async
 * function or a generator into a state machine that hoists each catch
 * parameter and renames it, and a fixed name of ours, flagged to skip
 * substitutions, would keep its old name where the `catch` reads it (a
 * ReferenceError instead of the user's error). A unique name is one
 * TypeScript renames consistently.
 */
function catchBinding(file: FileContext, frame: Frame): ts.Identifier {
  return frame.suspends && file.downlevelsGenerators ? file.uniqueName('spanweave_error') : file.localName('spanweave_error');
}

/** An arrow's expression body as a `return`, through the runtime when returns are rewritten. */
function returnOf(file: FileContext, frame: Frame, expression: ts.Expression): ts.Statement {
  return file.ts.setTextRange(file.factory.createReturnStatement(returnValue(file, frame, expression)), expression);
}

/** Whether `return x` in `frame`'s function must go through {@link returnValue}. */
export function rewritesReturn(frame: FrameTraits): boolean {
  return frame.rewriteReturns || frame.awaitsReturns;
}

/**
 * The value of a `return`: through the runtime when returns are rewritten,
 * and in an async generator, where `return x` awaits `x` before the
 * function finishes, handed to `rt.suspend` (emit/suspensions.ts) so the
 * consumer, which goes on meanwhile, gets its context back first.
 */
export function returnValue(file: FileContext, frame: Frame, value: ts.Expression): ts.Expression {
  const recorded = frame.rewriteReturns ? returnedValue(file, frame, value) : value;
  return frame.awaitsReturns ? own(file, file.factory.createCallExpression(file.runtime('suspend'), undefined, [frame.call, recorded])) : recorded;
}

/**
 * `rt.returned(call, value)`: promise-aware finishing and `captureReturn`. Read
 * off the runtime's module object, not a prologue variable: it runs without a
 * frame too, and must work before the prologue ran (a circular ES import).
 */
export function returnedValue(file: FileContext, frame: Frame, value: ts.Expression): ts.Expression {
  return own(file, file.factory.createCallExpression(file.runtime('returned'), undefined, [frame.call, value]));
}

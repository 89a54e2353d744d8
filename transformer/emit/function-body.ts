/**
 * Wraps the body of a selected function in its span. The parameter list, the
 * function's kind and everything in the body stay as they are.
 *
 *   function find(id) {                     function find(id) {
 *     "use strict";                            "use strict";
 *     return db.get(id);             =>        const spanweave_call_1 = spanweave_fn_1 !== undefined && spanweave_tracing_1.on
 *   }                                              ? spanweave_enterFunction_1(spanweave_fn_1, [id]) : undefined;
 *                                              try {
 *                                                  return db.get(id);
 *                                              }
 *                                              catch (spanweave_error_1) {
 *                                                  if (spanweave_call_1 !== undefined)
 *                                                      spanweave_failFunction_1(spanweave_call_1, spanweave_error_1);
 *                                                  throw spanweave_error_1;
 *                                              }
 *                                              finally {
 *                                                  if (spanweave_call_1 !== undefined)
 *                                                      spanweave_exitFunction_1(spanweave_call_1);
 *                                              }
 *                                          }
 *
 * With tracing off, a call is one check, then the original body: the test
 * reads two module variables and `tracing.on` (the runtime's names are bound
 * in the prologue, emit/runtime-locals.ts), and the `catch` and `finally`
 * call nothing without a frame. V8 then inlines the function into its caller
 * as it does the plain one. `[id]` is built only when `captureArgs` is on,
 * and only when tracing is. The descriptor check keeps a hoisted function
 * called before its module's prologue ran (a circular import) working,
 * untraced: without a frame nothing else of the runtime is read.
 *
 * In a derived constructor the first statement reads no `this`, so it may
 * precede `super()`; TypeScript still finds `super()` inside the `try` when
 * it adds parameter properties and field initializers after it.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import { leadingDirectives } from './directives';
import type { Frame } from './frame';
import { own, ownIdentifier } from './own-nodes';
import { runtimeLocal } from './runtime-locals';

/** The new body for a function whose (already visited) body is `body`. */
export function wrapBody(file: FileContext, frame: Frame, descriptor: ts.Identifier, args: readonly ts.Identifier[] | undefined, body: ts.ConciseBody): ts.Block {
  const { factory, ts: tsi } = file;
  const statements = tsi.isBlock(body) ? body.statements : [returnOf(file, frame, body)];
  const directives = leadingDirectives(tsi, statements);
  const rest = statements.slice(directives.length);
  const tryBlock = tsi.setTextRange(factory.createBlock(rest, true), tsi.isBlock(body) ? body : undefined);
  const error = file.uniqueName('spanweave_error');
  const catchClause = factory.createCatchClause(
    factory.createVariableDeclaration(error),
    factory.createBlock([ifTraced(file, frame, 'failFunction', [frame.call, error]), factory.createThrowStatement(error)], true),
  );
  const finallyBlock = factory.createBlock([ifTraced(file, frame, 'exitFunction', [frame.call])], true);
  const wrapped = [...directives, enterStatement(file, frame, descriptor, args), factory.createTryStatement(tryBlock, catchClause, finallyBlock)];
  const block = factory.createBlock(wrapped, true);
  return tsi.setTextRange(block, body);
}

/** `const call = descriptor !== undefined && tracing.on ? enterFunction(descriptor, [args]) : undefined;` */
function enterStatement(file: FileContext, frame: Frame, descriptor: ts.Identifier, args: readonly ts.Identifier[] | undefined): ts.Statement {
  const { factory, ts: tsi } = file;
  const on = own(
    file,
    factory.createLogicalAnd(
      own(file, factory.createStrictInequality(descriptor, ownIdentifier(file, 'undefined'))),
      factory.createPropertyAccessExpression(runtimeLocal(file, 'tracing'), ownIdentifier(file, 'on')),
    ),
  );
  const enterArgs: ts.Expression[] = [descriptor];
  if (args !== undefined) enterArgs.push(factory.createArrayLiteralExpression([...args]));
  const enter = own(file, factory.createCallExpression(runtimeLocal(file, 'enterFunction'), undefined, enterArgs));
  const value = factory.createConditionalExpression(on, undefined, enter, undefined, ownIdentifier(file, 'undefined'));
  const declaration = factory.createVariableDeclaration(frame.call, undefined, undefined, value);
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([declaration], tsi.NodeFlags.Const));
}

/** An arrow's expression body as a `return`, through the runtime when returns are rewritten. */
function returnOf(file: FileContext, frame: Frame, expression: ts.Expression): ts.Statement {
  const value = frame.rewriteReturns ? returnedValue(file, frame, expression) : expression;
  return file.ts.setTextRange(file.factory.createReturnStatement(value), expression);
}

/**
 * `rt.returned(call, value)`: promise-aware finishing and `captureReturn`. Read
 * off the runtime's module object, not a prologue variable: it runs without a
 * frame too, and must work before the prologue ran (a circular ES import).
 */
export function returnedValue(file: FileContext, frame: Frame, value: ts.Expression): ts.Expression {
  return own(file, file.factory.createCallExpression(file.runtime('returned'), undefined, [frame.call, value]));
}

/** `if (call !== undefined) name(args);`: the runtime is not called at all without a frame. */
function ifTraced(file: FileContext, frame: Frame, name: string, args: ts.Expression[]): ts.Statement {
  const { factory } = file;
  const traced = own(file, factory.createStrictInequality(frame.call, ownIdentifier(file, 'undefined')));
  return factory.createIfStatement(traced, factory.createExpressionStatement(own(file, factory.createCallExpression(runtimeLocal(file, name), undefined, args))));
}

/**
 * The check every wrapped function opens with, written once per file as a
 * function of the prologue, so that a function's first statement is one call:
 *
 *   function spanweave_enter_1(site) { return spanweave_sites_1 !== undefined && spanweave_tracing_1.on ? spanweave_enterFunction_1(spanweave_sites_1[site]) : undefined; }
 *   ...
 *   const spanweave_call = spanweave_enter_1(3);
 *
 * Why: written out in each function the check was a third of the nodes
 * spanweave adds to it, and the printer's time grows with their number. V8
 * inlines the helper into each function, so a call with tracing off still
 * costs one check (docs/contract.md, "The cost of a call with tracing off").
 * It is a function declaration, hoisted: a function called before its
 * module's prologue ran (a circular ES import) finds the helper, which finds
 * the descriptor list undefined, and runs untraced.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import { own, ownIdentifier } from './own-nodes';
import { runtimeLocal } from './runtime-locals';

const helperPerFile = new WeakMap<FileContext, ts.Identifier>();

/**
 * `sites !== undefined && tracing.on ? enterFunction(sites[i], [args]) : undefined`: the
 * call frame, or undefined. Through the file's helper when no argument is captured.
 */
export function enterFrame(file: FileContext, site: ts.ElementAccessExpression, args: readonly ts.Identifier[] | undefined): ts.Expression {
  if (args !== undefined) return checkedEnter(file, site.expression, site, [file.factory.createArrayLiteralExpression([...args])]);
  return own(file, file.factory.createCallExpression(helperOf(file, site.expression), undefined, [site.argumentExpression]));
}

function helperOf(file: FileContext, sites: ts.Expression): ts.Identifier {
  let helper = helperPerFile.get(file);
  if (helper === undefined) {
    const { factory } = file;
    const index = ownIdentifier(file, 'site');
    const body = checkedEnter(file, sites, own(file, factory.createElementAccessExpression(sites, index)), []);
    const parameter = factory.createParameterDeclaration(undefined, undefined, index);
    const block = factory.createBlock([factory.createReturnStatement(body)], false);
    helper = file.declareFunction('spanweave_enter', (name) => factory.createFunctionDeclaration(undefined, undefined, name, undefined, [parameter], undefined, block));
    helperPerFile.set(file, helper);
  }
  return helper;
}

function checkedEnter(file: FileContext, sites: ts.Expression, site: ts.Expression, extra: ts.Expression[]): ts.Expression {
  const { factory } = file;
  const on = own(
    file,
    factory.createLogicalAnd(
      own(file, factory.createStrictInequality(sites, ownIdentifier(file, 'undefined'))),
      factory.createPropertyAccessExpression(runtimeLocal(file, 'tracing'), ownIdentifier(file, 'on')),
    ),
  );
  const enter = own(file, factory.createCallExpression(runtimeLocal(file, 'enterFunction'), undefined, [site, ...extra]));
  return factory.createConditionalExpression(on, undefined, enter, undefined, ownIdentifier(file, 'undefined'));
}

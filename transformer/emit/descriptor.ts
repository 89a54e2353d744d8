/**
 * The static descriptor of an instrumented function (runtime/contract.ts,
 * `FunctionDescriptor`), created once in the file prologue:
 *
 *   var spanweave_fn_1 = spanweave_1.functionSite({ name: "Orders.find", function: "find",
 *     namespace: "Orders", file: "src/orders.ts", line: 12, args: ["id", "token"], secretArgs: [1] });
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import type { SelectedFunction } from '../select/plan';
import { own, ownIdentifier } from './own-nodes';

/** The names of the parameters whose values can be captured: plain identifiers and rest parameters, not `this`. */
export function capturableParameters(tsi: typeof ts, parameters: readonly ts.ParameterDeclaration[]): ts.Identifier[] {
  return parameters.flatMap((p) => (tsi.isIdentifier(p.name) && p.name.text !== 'this' ? [p.name] : []));
}

/** Declares the descriptor in the file prologue and returns its name. */
export function declareDescriptor(file: FileContext, selected: SelectedFunction, args: readonly ts.Identifier[]): ts.Identifier {
  const { factory } = file;
  const { facts } = selected;
  const fields: [string, ts.Expression][] = [
    ['name', factory.createStringLiteral(selected.spanName)],
    ['function', factory.createStringLiteral(facts.functionName)],
  ];
  if (facts.namespace !== undefined) fields.push(['namespace', factory.createStringLiteral(facts.namespace)]);
  fields.push(['file', factory.createStringLiteral(selected.file)], ['line', factory.createNumericLiteral(selected.line)]);
  if (selected.captureArgs && args.length > 0) {
    fields.push(['args', factory.createArrayLiteralExpression(args.map((a) => factory.createStringLiteral(a.text)))]);
    const secret = args.flatMap((a, i) => (isSecretName(a.text, file.options.secretNames) ? [i] : []));
    if (secret.length > 0) fields.push(['secretArgs', factory.createArrayLiteralExpression(secret.map((i) => factory.createNumericLiteral(i)))]);
  }
  if (selected.captureReturn) fields.push(['captureReturn', factory.createTrue()]);
  if (selected.promiseAware) fields.push(['returnsPromise', factory.createTrue()]);
  const literal = factory.createObjectLiteralExpression(fields.map(([k, v]) => factory.createPropertyAssignment(ownIdentifier(file, k), v)));
  return file.declare('spanweave_fn', own(file, factory.createCallExpression(file.runtime('functionSite'), undefined, [literal])));
}

/** Whether a parameter name looks like it holds a secret (case-insensitive substring of a listed name). */
export function isSecretName(name: string, secretNames: readonly string[]): boolean {
  const lower = name.toLowerCase().replace(/[-_]/g, '');
  return secretNames.some((s) => lower.includes(s.toLowerCase().replace(/[-_]/g, '')));
}

/**
 * The static descriptors of a file's instrumented functions (runtime/contract.ts,
 * `FunctionDescriptor`), created once by one call in the file prologue:
 *
 *   var spanweave_sites_1 = spanweave_1.functionSites("src/orders.ts", [
 *     12, "find", "Orders",                                  // Orders.find, line 12
 *     30, "login", { args: ["user", "token"], secretArgs: [1] },
 *   ]);
 *
 * A function reads its descriptor as `spanweave_sites_1[index]`. Each site is
 * its line, its function name, its namespace when it has one, and an object
 * for the rest only when needed: the span name when it is not
 * `namespace.function` (or `function`), captured arguments, `captureReturn`,
 * `returnsPromise`. Why so terse: a per-function `var` with an object literal
 * of five fields was a third of the nodes spanweave added to a file, and the
 * printer's time grows with their number.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';
import type { SelectedFunction } from '../select/plan';
import { own, ownIdentifier } from './own-nodes';

/** The name of the file's descriptor list and what its sites add to it. */
interface FileSites {
  readonly list: ts.Identifier;
  readonly entries: ts.Expression[];
  count: number;
}

const sitesPerFile = new WeakMap<FileContext, FileSites>();

/** The names of the parameters whose values can be captured: plain identifiers and rest parameters, not `this`. */
export function capturableParameters(tsi: typeof ts, parameters: readonly ts.ParameterDeclaration[]): ts.Identifier[] {
  return parameters.flatMap((p) => (tsi.isIdentifier(p.name) && p.name.text !== 'this' ? [p.name] : []));
}

/** Adds the function's descriptor to the file's list and returns how to read it (`spanweave_sites_1[index]`). */
export function declareDescriptor(file: FileContext, selected: SelectedFunction, args: readonly ts.Identifier[]): ts.ElementAccessExpression {
  const sites = sitesOf(file, selected.file);
  sites.entries.push(...siteEntries(file, selected, args));
  return own(file, file.factory.createElementAccessExpression(sites.list, sites.count++));
}

function sitesOf(file: FileContext, path: string): FileSites {
  let sites = sitesPerFile.get(file);
  if (sites === undefined) {
    const { factory } = file;
    const entries: ts.Expression[] = [];
    const callee = file.runtime('functionSites');
    // Made when the file is finished, once every function has added its entries.
    const list = file.declare('spanweave_sites', () => own(file, factory.createCallExpression(callee, undefined, [factory.createStringLiteral(path), factory.createArrayLiteralExpression(entries)])));
    sites = { list, entries, count: 0 };
    sitesPerFile.set(file, sites);
  }
  return sites;
}

/** `line, "function"[, "namespace"][, { name, args, secretArgs, captureReturn, returnsPromise }]` */
function siteEntries(file: FileContext, selected: SelectedFunction, args: readonly ts.Identifier[]): ts.Expression[] {
  const { factory } = file;
  const { facts } = selected;
  const entries: ts.Expression[] = [factory.createNumericLiteral(selected.line), factory.createStringLiteral(facts.functionName)];
  if (facts.namespace !== undefined) entries.push(factory.createStringLiteral(facts.namespace));
  const fields: [string, ts.Expression][] = [];
  const derivedName = facts.namespace === undefined ? facts.functionName : `${facts.namespace}.${facts.functionName}`;
  if (selected.spanName !== derivedName) fields.push(['name', factory.createStringLiteral(selected.spanName)]);
  if (selected.captureArgs && args.length > 0) {
    fields.push(['args', factory.createArrayLiteralExpression(args.map((a) => factory.createStringLiteral(a.text)))]);
    const secret = args.flatMap((a, i) => (isSecretName(a.text, file.options.secretNames) ? [i] : []));
    if (secret.length > 0) fields.push(['secretArgs', factory.createArrayLiteralExpression(secret.map((i) => factory.createNumericLiteral(i)))]);
  }
  if (selected.captureReturn) fields.push(['captureReturn', factory.createTrue()]);
  if (selected.promiseAware) fields.push(['returnsPromise', factory.createTrue()]);
  if (fields.length > 0) entries.push(factory.createObjectLiteralExpression(fields.map(([k, v]) => factory.createPropertyAssignment(ownIdentifier(file, k), v))));
  return entries;
}

/** Whether a parameter name looks like it holds a secret (case-insensitive substring of a listed name). */
export function isSecretName(name: string, secretNames: readonly string[]): boolean {
  const lower = name.toLowerCase().replace(/[-_]/g, '');
  return secretNames.some((s) => lower.includes(s.toLowerCase().replace(/[-_]/g, '')));
}

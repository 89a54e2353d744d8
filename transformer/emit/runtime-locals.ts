/**
 * The runtime's `tracing` switch and `enterFunction`, the names read only
 * once a function's descriptor check passed, bound once per file in its
 * prologue, so that a call reads a module variable, not a property of the
 * runtime's module object:
 *
 *   var spanweave_tracing_1 = spanweave_1.tracing;
 *   var spanweave_enterFunction_1 = spanweave_1.enterFunction;
 *
 * Why: with tracing off a call reads two module variables and one field
 * (`tracing.on`) and is inlined as the plain function is (docs/contract.md,
 * "The cost of a call with tracing off").
 *
 * Binding `tracing` once is right because the runtime never replaces that
 * object; it flips its `on` field (the contract says so). Only names read
 * after the descriptor check passed may be bound: a hoisted function called
 * before the prologue ran (a circular import) finds them undefined. The hooks
 * a body calls without a frame (`exitFunction`, `failFunction`, `returned`,
 * `suspend`, `resume`, `awaiting`, `awaited`, `reenter`, `forAwait`,
 * `yieldDelegate`) are read off the runtime's
 * module object, which an ES module binds before any code of the file runs.
 */
import type * as ts from 'typescript';
import type { FileContext } from '../context';

const boundPerFile = new WeakMap<FileContext, Map<string, ts.Identifier>>();

/** The prologue variable that holds the runtime's `name` in this file; declared on first use. */
export function runtimeLocal(file: FileContext, name: string): ts.Identifier {
  let bound = boundPerFile.get(file);
  if (bound === undefined) {
    bound = new Map();
    boundPerFile.set(file, bound);
  }
  let local = bound.get(name);
  if (local === undefined) {
    local = file.declare(`spanweave_${name}`, file.runtime(name));
    bound.set(name, local);
  }
  return local;
}

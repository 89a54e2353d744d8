/**
 * The state of one function being rewritten, shared by the emitters of its
 * body: the name of its call frame and which inner forms need rewriting.
 */
import type * as ts from 'typescript';
import type { SelectedFunction } from '../select/plan';

export interface Frame {
  /** The `const` that holds the runtime's call frame (undefined when tracing is off). */
  readonly call: ts.Identifier;
  /** Async functions and generators: each `await`/`yield` must hand the context back and take it again. */
  readonly suspends: boolean;
  /** Async functions (incl. async generators): `for await` steps must be wrapped too. */
  readonly async: boolean;
  /** `return x` goes through the runtime (promise-aware finishing, or `captureReturn`). */
  readonly rewriteReturns: boolean;
  /** Async generators: `return x` awaits `x`, a suspension with no `await` to wrap. */
  readonly awaitsReturns: boolean;
}

/** What a frame has the visitor rewrite in its function's body: all of it but its name. */
export type FrameTraits = Omit<Frame, 'call'>;

/** The traits of the frame a selected function's body gets. */
export function frameTraits(selected: SelectedFunction): FrameTraits {
  const { async, generator } = selected.facts;
  return { suspends: async || generator, async, rewriteReturns: selected.promiseAware || selected.captureReturn, awaitsReturns: async && generator };
}

export function frameFor(selected: SelectedFunction, call: ts.Identifier): Frame {
  return { call, ...frameTraits(selected) };
}

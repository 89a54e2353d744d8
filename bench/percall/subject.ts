/** The shape every variant of the per-call benchmark provides: the functions of subjects/work.ts. */
export interface Subject {
  add(a: number, b: number): number;
  addAsync(a: number, b: number): Promise<number>;
  addPromise(a: number, b: number): Promise<number>;
  outer(a: number, b: number): number;
}

/** Which of the subject's functions a case calls. */
export const CALLS = ['add', 'addAsync', 'addPromise', 'outer'] as const;
export type CallName = (typeof CALLS)[number];

/** How each call is described in the report. */
export const CALL_TITLES: Record<CallName, string> = {
  add: 'a small function',
  addAsync: 'an async function (awaited)',
  addPromise: 'a plain function returning an async function\'s promise (awaited, 2 spans)',
  outer: 'a call three levels deep (3 spans)',
};

/** Spans one call of each makes, to give a per-span cost. */
export const SPANS_PER_CALL: Record<CallName, number> = { add: 1, addAsync: 1, addPromise: 2, outer: 3 };

/** Runs `fn` inside a span named `name` and ends it when fn returns or throws. */
export type InSpan = <T>(name: string, fn: () => T) => T;

/**
 * The subject wrapped by hand around a tracer's span helpers: the same bodies
 * as subjects/work.ts, the way a user of that tracer would write them.
 * `inAsyncSpan` ends the span when the promise settles.
 */
export function wrappedSubject(inSpan: InSpan, inAsyncSpan: <T>(name: string, fn: () => Promise<T>) => Promise<T>): Subject {
  const inner = (a: number, b: number) => inSpan('inner', () => a + b);
  const middle = (a: number, b: number) => inSpan('middle', () => inner(a, b) + 1);
  return {
    add: (a, b) => inSpan('add', () => a + b),
    addAsync: (a, b) => inAsyncSpan('addAsync', async () => a + b),
    addPromise: (a, b) => inAsyncSpan('addPromise', () => inAsyncSpan('addAsync', async () => a + b)),
    outer: (a, b) => inSpan('outer', () => middle(a, b) + 1),
  };
}

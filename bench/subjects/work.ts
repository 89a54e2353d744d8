/**
 * The functions the per-call benchmark calls. This file is compiled twice with
 * the same compiler options: plainly, and with the spanweave transformer
 * (`functions: "all"`), so the two differ only by the instrumentation.
 * Each returns a number the caller sums, so no call can be optimised away.
 */

export function add(a: number, b: number): number {
  return a + b;
}

export async function addAsync(a: number, b: number): Promise<number> {
  return a + b;
}

/** A plain function that returns an async function's promise: two spans when traced, the outer one ending when the promise settles. */
export function addPromise(a: number, b: number): Promise<number> {
  return addAsync(a, b);
}

function inner(a: number, b: number): number {
  return a + b;
}

function middle(a: number, b: number): number {
  return inner(a, b) + 1;
}

/** A call three levels deep: outer -> middle -> inner, three spans when traced. */
export function outer(a: number, b: number): number {
  return middle(a, b) + 1;
}

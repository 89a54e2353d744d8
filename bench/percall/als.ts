import { AsyncLocalStorage } from 'node:async_hooks';
import { wrappedSubject, type InSpan, type Subject } from './subject';

/**
 * No tracer: each call only does what activating a span costs spanweave's
 * compiled code, an AsyncLocalStorage `getStore` to remember the caller's
 * context, then one `enterWith` to enter and one to restore it. Its cost over
 * plain is the floor under every activated span, on each Node.
 */
export function enterWithPairSubject(): Subject {
  const storage = new AsyncLocalStorage<object | undefined>();
  const active = {};
  const pair: InSpan = (_name, fn) => {
    const caller = storage.getStore();
    storage.enterWith(active);
    try {
      return fn();
    } finally {
      storage.enterWith(caller);
    }
  };
  return wrappedSubject(pair, pair);
}

import { types } from 'node:util';

/**
 * True for an extensible promise of the built-in class itself with no own
 * string-keyed property (checked without running a getter). Only such a
 * promise may be replaced by one that settles after its span finishes; any
 * other thenable is returned untouched and its `then` is never called. A
 * promise given methods of its own (ky's `ResponsePromise` has `.json()`,
 * `.text()`) or an own `then` stays itself, because the replacement would not
 * have them; so does a frozen or sealed one (zod's `readonly()` freezes the
 * promise it parses), because the replacement would not be. Own symbols are
 * not counted: Node's AsyncLocalStorage keeps its store on promises under one.
 *
 * `types.isPromise` comes before anything that reads the object: unlike
 * `instanceof`, it runs no `getPrototypeOf` trap of a Proxy (a lazy proxy
 * builds its object there), and a Proxy is never a promise to it. The
 * `typeof` test before it spares the native call for the values most
 * functions return (numbers, strings, undefined).
 */
export function isNativePromise(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && types.isPromise(value) && Object.getPrototypeOf(value) === Promise.prototype && Object.isExtensible(value) && Object.getOwnPropertyNames(value).length === 0;
}

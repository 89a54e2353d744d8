/**
 * Renders a captured argument or return value as a tag value, safely: no
 * getter, proxy trap, `toString` or `toJSON` of user code runs; the output is
 * size-capped; cycles print as `[Circular]`; keys that look secret are redacted.
 */
import { types } from 'node:util';
import type { TagValue } from '../model';

/** Longest rendered value, in characters. */
export const MAX_RENDERED_LENGTH = 256;
const MAX_DEPTH = 3;
const MAX_ENTRIES = 20;

/** Object keys whose values are never rendered (case-insensitive substrings). */
const SECRET_KEYS = ['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'apikey', 'api_key', 'credential', 'privatekey', 'private_key'];

export const REDACTED = '[REDACTED]';

// The built-in `size` getters, called directly so a user's subclass cannot run code.
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;

/** The tag value for `value`: numbers and booleans as they are, anything else as capped text. */
export function renderValue(value: unknown): TagValue {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return cap(render(value, 0, new Set()));
}

/** Whether an object key looks like it holds a secret. */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase().replace(/-/g, '_');
  return SECRET_KEYS.some((s) => lower.includes(s) || lower.replace(/_/g, '').includes(s.replace(/_/g, '')));
}

function render(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : JSON.stringify(value.length > MAX_RENDERED_LENGTH ? value.slice(0, MAX_RENDERED_LENGTH) : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.description === undefined ? 'Symbol()' : `Symbol(${value.description})`;
    case 'function':
      return `[Function ${functionName(value)}]`;
    default:
      return value === null ? 'null' : renderObject(value as object, depth, seen);
  }
}

function renderObject(value: object, depth: number, seen: Set<object>): string {
  if (types.isProxy(value)) return '[Proxy]';
  if (seen.has(value)) return '[Circular]';
  if (types.isPromise(value)) return '[Promise]';
  if (types.isDate(value)) return Number.isNaN(Date.prototype.getTime.call(value)) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
  if (types.isNativeError(value)) return `[${ownData(value, 'name') ?? 'Error'}: ${String(ownData(value, 'message') ?? '')}]`;
  if (types.isMap(value)) return `[Map(${mapSize.call(value)})]`;
  if (types.isSet(value)) return `[Set(${setSize.call(value)})]`;
  if (ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value)) return `[${className(value) ?? 'Buffer'}]`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    return Array.isArray(value) ? renderArray(value, depth, seen) : renderRecord(value, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function renderArray(value: unknown[], depth: number, seen: Set<object>): string {
  const length = ownData(value, 'length') as number;
  const items: string[] = [];
  for (let i = 0; i < Math.min(length, MAX_ENTRIES); i++) items.push(renderProperty(value, String(i), depth, seen));
  if (length > MAX_ENTRIES) items.push(`... ${length - MAX_ENTRIES} more`);
  return `[${items.join(', ')}]`;
}

function renderRecord(value: object, depth: number, seen: Set<object>): string {
  const descriptors = Object.getOwnPropertyDescriptors(value);
  const keys = Object.keys(descriptors).filter((k) => descriptors[k].enumerable);
  const entries = keys.slice(0, MAX_ENTRIES).map((k) => `${k}: ${isSecretKey(k) ? REDACTED : renderProperty(value, k, depth, seen)}`);
  if (keys.length > MAX_ENTRIES) entries.push(`... ${keys.length - MAX_ENTRIES} more`);
  const name = className(value);
  const body = `{${entries.length > 0 ? ` ${entries.join(', ')} ` : ''}}`;
  return name === undefined || name === 'Object' ? body : `${name} ${body}`;
}

/** A property's rendering from its descriptor: an accessor is shown, never called. */
function renderProperty(owner: object, key: string, depth: number, seen: Set<object>): string {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (descriptor === undefined) return 'undefined';
  if (!('value' in descriptor)) return descriptor.set !== undefined && descriptor.get === undefined ? '[Setter]' : '[Getter]';
  return render(descriptor.value, depth + 1, seen);
}

function ownData(owner: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

/** The name of the class that made `value`, read from descriptors only. */
function className(value: object): string | undefined {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return 'Object';
  const ctor = ownData(proto, 'constructor');
  return typeof ctor === 'function' ? functionName(ctor) : undefined;
}

function functionName(fn: Function): string {
  const name = ownData(fn, 'name');
  return typeof name === 'string' && name !== '' ? name : '(anonymous)';
}

function cap(text: string): string {
  return text.length > MAX_RENDERED_LENGTH ? `${text.slice(0, MAX_RENDERED_LENGTH - 3)}...` : text;
}

/**
 * Turns a finished span's free-form values (log fields may hold an Error, a
 * bigint, a cyclic object) into something JSON.stringify can always write.
 */

/** A JSON.stringify replacer: Errors become {name, message, stack}, bigints strings, repeats "[Circular]". */
export function plainJsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: object[] = [];
  return function replace(this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return String(value);
    if (value === null || typeof value !== 'object') return value;
    // `this` is the object holding `value`: unwind the ancestors to it.
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(value)) return '[Circular]';
    // An Error's replacement holds only strings: nothing below it to track.
    if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
    ancestors.push(value);
    return value;
  };
}

/** JSON text for any value, never throwing (a throwing toJSON or getter gives its message instead). */
export function toPlainJson(value: unknown): string {
  try {
    return JSON.stringify(value, plainJsonReplacer()) ?? 'null';
  } catch (error) {
    return JSON.stringify({ unserializable: error instanceof Error ? error.message : String(error) });
  }
}

/** A log field value as short text: strings as they are, the rest as plain JSON. */
export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return toPlainJson(value);
}

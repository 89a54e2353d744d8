/** The one error spanweave throws: a bad `init()` option. Its message starts with `spanweave: ` and quotes the bad value. */
export class SpanweaveConfigError extends Error {
  constructor(
    /** The option, as a path: `limits.maxTags`. */
    readonly option: string,
    /** The value given. */
    readonly value: unknown,
    expected: string,
  ) {
    super(`spanweave: init option ${option} must be ${expected}, got ${describe(value)}`);
    this.name = 'SpanweaveConfigError';
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

import type { TagValue } from '../model';

/**
 * Tags that many spans start with (an instrumented function's static code
 * tags), made once. A span refers to the frozen object instead of copying it,
 * and copies it only when a tag is set on it (copy on write), so starting such
 * a span costs no tag writes. `count` and `longest` let the tracer check the
 * span limits without looking at each tag.
 */
export class SharedTags {
  /** Frozen; undefined values are left out. */
  readonly values: Readonly<Record<string, TagValue>>;
  /** How many tags `values` holds. */
  readonly count: number;
  /** The longest string value, in UTF-16 code units (0 when none is a string). */
  readonly longest: number;

  constructor(values: Readonly<Record<string, TagValue | undefined>>) {
    const copy: Record<string, TagValue> = {};
    let count = 0;
    let longest = 0;
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (value === undefined) continue;
      copy[key] = value;
      count++;
      if (typeof value === 'string' && value.length > longest) longest = value.length;
    }
    this.values = Object.freeze(copy);
    this.count = count;
    this.longest = longest;
  }
}

/**
 * Fresh names for the code the JavaScript instrumenter adds: `spanweave_1`,
 * `spanweave_fn_2`, ... like the transformer's `createUniqueName`, skipping
 * every word of the file's text. Words in strings and comments are skipped
 * too: a name is never wrongly fresh, at worst needlessly numbered higher.
 */
const WORD = /[A-Za-z_$][\w$]*/g;

export class FreshNames {
  private readonly taken: Set<string>;
  private readonly counters = new Map<string, number>();

  constructor(text: string) {
    this.taken = new Set(text.match(WORD));
  }

  /** `<hint>_<n>` with the smallest n not yet used or taken. */
  next(hint: string): string {
    let n = this.counters.get(hint) ?? 0;
    let name: string;
    do name = `${hint}_${++n}`;
    while (this.taken.has(name));
    this.counters.set(hint, n);
    this.taken.add(name);
    return name;
  }
}

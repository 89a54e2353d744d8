/**
 * The oldest TypeScript whose output of spanweave's wrappers is correct.
 * Before 5.2, TypeScript puts a derived class's parameter properties and field
 * initializers at the start of its constructor when `super()` is not a
 * top-level statement of the body; in spanweave's wrapper it is inside the
 * `try`, so the constructor would touch `this` before `super()` and throw a
 * ReferenceError. From 5.2 on, TypeScript finds the `super()` inside the `try`
 * and adds them after it.
 */
export const MINIMUM_TYPESCRIPT = { major: 5, minor: 2 } as const;

/** Why the compiler's TypeScript (`ts.version`) cannot be used (a diagnostic's text after `spanweave: `), or undefined when it can. */
export function unsupportedTypeScript(version: string): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major! > MINIMUM_TYPESCRIPT.major || (major === MINIMUM_TYPESCRIPT.major && minor! >= MINIMUM_TYPESCRIPT.minor)) return undefined;
  return (
    `needs TypeScript ${MINIMUM_TYPESCRIPT.major}.${MINIMUM_TYPESCRIPT.minor} or later; this build runs TypeScript ${version}, ` +
    "which would emit a derived class's field initializers before its super() call inside spanweave's wrapper. " +
    'Nothing was instrumented.'
  );
}

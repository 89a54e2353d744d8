import fs from 'node:fs';
import path from 'node:path';

/** The tsconfig every compiler builds the plain program from. */
export const PLAIN_TSCONFIG = 'tsconfig.plain.json';
/** The same tsconfig with spanweave's plugin entry, `functions: "all"`. */
export const SPANWEAVE_TSCONFIG = 'tsconfig.spanweave.json';

export interface TsconfigBase {
  compilerOptions: Record<string, unknown>;
  include: string[];
}

/** Writes `base` into `dir` as PLAIN_TSCONFIG, and with a plugin entry as SPANWEAVE_TSCONFIG. */
export function writeTsconfigs(dir: string, base: TsconfigBase): void {
  const withPlugin = { ...base, compilerOptions: { ...base.compilerOptions, plugins: [{ transform: 'spanweave/transformer', functions: 'all' }] } };
  fs.writeFileSync(path.join(dir, PLAIN_TSCONFIG), JSON.stringify(base, null, 2));
  fs.writeFileSync(path.join(dir, SPANWEAVE_TSCONFIG), JSON.stringify(withPlugin, null, 2));
}

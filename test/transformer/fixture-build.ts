/**
 * Builds a fixture folder (fixtures/<name>, with its tsconfig.json) twice,
 * with plain tsc and with spanweave, into fixtures/<name>/out/{plain,traced},
 * where `spanweave/runtime` resolves to this checkout's dist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { SpanweaveOptions } from 'spanweave/transformer';
import { compile, messages, repoRoot } from './harness';

export interface FixtureBuild {
  outDir: string;
  outputs: Map<string, string>;
}

/** The fixture's tsconfig options, with `overrides` applied. */
export function fixtureOptions(name: string, overrides: ts.CompilerOptions = {}): { rootNames: string[]; options: ts.CompilerOptions } {
  const configPath = path.join(repoRoot, 'fixtures', name, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  return { rootNames: parsed.fileNames, options: { ...parsed.options, ...overrides } };
}

/** Compiles fixture `name` into out/<variant>; throws on any diagnostic. */
export function buildFixture(name: string, variant: string, plugin?: SpanweaveOptions, overrides: ts.CompilerOptions = {}, extraRoots: string[] = []): FixtureBuild {
  const outDir = path.join(repoRoot, 'fixtures', name, 'out', variant);
  const fixture = fixtureOptions(name, { outDir, ...overrides });
  const options = fixture.options;
  const rootNames = [...fixture.rootNames, ...extraRoots.map((f) => path.join(repoRoot, 'fixtures', name, 'src', f))];
  const { outputs, diagnostics } = compile(rootNames, options, plugin, true);
  if (diagnostics.length > 0) throw new Error(`${name}/${variant}:\n${messages(diagnostics).join('\n')}`);
  return { outDir, outputs };
}

/**
 * Makes the .js files of `outDir` ES modules. That package.json is a package
 * boundary, which hides this package's self-reference, so `spanweave` is
 * linked into the folder's node_modules (the same files, the same runtime instance).
 */
export function markAsModules(outDir: string): void {
  fs.writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
  const link = path.join(outDir, 'node_modules', 'spanweave');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  if (!fs.existsSync(link)) fs.symlinkSync(repoRoot, link, 'dir');
}

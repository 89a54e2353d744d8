/**
 * The reporters chosen by name, as `OTEL_TRACES_EXPORTER` lists them.
 */
import type { Reporter } from '../model';
import { ConsoleReporter } from './console';
import { JsonLinesReporter } from './jsonl';
import { OtlpReporter } from './otlp';

export { ConsoleReporter, type ConsoleReporterOptions } from './console';
export { JsonLinesReporter, type JsonLinesReporterOptions } from './jsonl';
export { OtlpReporter, type OtlpExporterOptions } from './otlp';

type ReporterFactory = (env: NodeJS.ProcessEnv) => Reporter;

const factories: Record<string, ReporterFactory> = {
  console: () => new ConsoleReporter(),
  jsonl: (env) => new JsonLinesReporter({ file: env.SPANWEAVE_JSONL_FILE || undefined }),
  otlp: (env) => new OtlpReporter({}, env),
};

/**
 * One reporter per known name: `console`, `jsonl` (to `SPANWEAVE_JSONL_FILE`,
 * else standard output), `otlp`; `none` adds nothing. Names are trimmed and
 * case-insensitive, a repeated name counts once, and an unknown name is
 * skipped with a process warning, never thrown.
 */
export function reportersByName(names: readonly string[], env: NodeJS.ProcessEnv): Reporter[] {
  const reporters: Reporter[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === '' || name === 'none' || seen.has(name)) continue;
    seen.add(name);
    const factory = Object.hasOwn(factories, name) ? factories[name] : undefined;
    if (factory) reporters.push(factory(env));
    else process.emitWarning(`spanweave: unknown trace exporter "${raw}" ignored (known: ${Object.keys(factories).join(', ')}, none)`);
  }
  return reporters;
}

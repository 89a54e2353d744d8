/**
 * The plugin's options: one typed object, its defaults (documented where each
 * option is declared), and the one place that validates what a tsconfig gives.
 *
 * A tsconfig entry looks like
 * `{ "transform": "spanweave/transformer", "functions": "all", "report": "spanweave-report.json" }`;
 * everything but `transform` (and ts-patch's own keys) is read here.
 */
import { suggestionFor } from './suggest';

/** A kind of function, as rules name them. */
export type FunctionKind =
  | 'function'
  | 'method'
  | 'arrow'
  | 'getter'
  | 'setter'
  | 'constructor'
  | 'objectMethod'
  | 'classField';

export const FUNCTION_KINDS: readonly FunctionKind[] = [
  'function',
  'method',
  'arrow',
  'getter',
  'setter',
  'constructor',
  'objectMethod',
  'classField',
];

/**
 * One rule of `functions`. A function is matched by the first rule whose every
 * given field matches; fields left out match anything.
 */
export interface FunctionRule {
  /** A glob on the qualified name (`OrderService.*`, `*Repository.find*`, `handlers.*`). */
  match?: string;
  /** A glob on the file path, relative to the tsconfig's folder (`src/orders/**`). */
  file?: string;
  /** The kinds of function this rule is for. */
  kinds?: FunctionKind[];
  /** Only functions reachable from the module's exports (true) or only the others (false). */
  exported?: boolean;
  /** Only async functions (true) or only the others (false). */
  async?: boolean;
  /** The span name to use instead of the qualified name. */
  name?: string;
  /** Record the parameters as `arg.<name>` tags. Default: the top-level `captureArgs`. */
  captureArgs?: boolean;
  /** Record the return value as the `result` tag. Default: the top-level `captureReturn`. */
  captureReturn?: boolean;
  /** Keep the matched functions out instead of instrumenting them. */
  exclude?: boolean;
}

/** The preset selections `functions` accepts besides a rule list. */
export type FunctionPreset = 'exported' | 'all' | 'none';

/** HTTP call-site options; their fields belong to the HTTP instrumenters. */
export interface HttpCallSiteOptions {
  /** Instrument outgoing HTTP calls (fetch, http/https, axios, undici). */
  client?: boolean | Record<string, unknown>;
  /** Instrument served requests (node:http servers, Express, Fastify). */
  server?: boolean | Record<string, unknown>;
}

/** Everything a user may set in the tsconfig plugin entry. */
export interface SpanweaveOptions {
  /**
   * File globs, relative to the tsconfig's folder, of the files to instrument.
   * Default: every non-declaration source file of the program.
   */
  include?: string[];
  /**
   * File globs, relative to the tsconfig's folder, kept out even when included.
   * Default: tests (`**\/*.test.*`, `**\/*.spec.*`, `**\/__tests__/**`). Setting it
   * replaces the default.
   */
  exclude?: string[];
  /**
   * Which functions get a span: `"exported"` (exported functions, public methods
   * of exported classes, arrows assigned to exported consts or to class fields
   * of exported classes), `"all"` (every named function, method and arrow),
   * `"none"`, or a list of rules, first match wins. Default: `"exported"`.
   */
  functions?: FunctionPreset | FunctionRule[];
  /** The module the emitted code imports. Default: `"spanweave/runtime"`. */
  runtime?: string;
  /** A path (relative to the tsconfig's folder) where the build writes its JSON report. Default: none. */
  report?: string;
  /** Record parameters as `arg.<name>` tags on every instrumented function. Default: false. */
  captureArgs?: boolean;
  /** Record return values as the `result` tag on every instrumented function. Default: false. */
  captureReturn?: boolean;
  /**
   * Parameter names whose captured values are replaced by `[REDACTED]`, matched
   * case-insensitively as substrings. Default: {@link DEFAULT_SECRET_NAMES}.
   */
  secretNames?: string[];
  /** HTTP call sites. Default: both on. */
  http?: HttpCallSiteOptions;
}

/** Parameter-name fragments that mark a secret. */
export const DEFAULT_SECRET_NAMES: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'apikey',
  'api_key',
  'credential',
  'privatekey',
  'private_key',
];

/** The options with every default filled in. */
export interface ResolvedOptions {
  include: readonly string[] | undefined;
  exclude: readonly string[];
  functions: FunctionPreset | readonly FunctionRule[];
  runtime: string;
  report: string | undefined;
  captureArgs: boolean;
  captureReturn: boolean;
  secretNames: readonly string[];
  http: HttpCallSiteOptions;
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  include: undefined,
  exclude: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**'],
  functions: 'exported',
  runtime: 'spanweave/runtime',
  report: undefined,
  captureArgs: false,
  captureReturn: false,
  secretNames: DEFAULT_SECRET_NAMES,
  http: {},
};

/** Something wrong with the options: an error stops the build, a warning does not. */
export interface OptionProblem {
  severity: 'error' | 'warning';
  message: string;
}

/** Keys ts-patch reads from the same plugin entry; they are not ours to judge. */
const TS_PATCH_KEYS = new Set([
  'transform',
  'import',
  'type',
  'after',
  'afterDeclarations',
  'transformProgram',
  'tsConfig',
  'resolvePathAliases',
  'name',
]);

const OPTION_KEYS = [
  'include',
  'exclude',
  'functions',
  'runtime',
  'report',
  'captureArgs',
  'captureReturn',
  'secretNames',
  'http',
] as const;

const RULE_KEYS = [
  'match',
  'file',
  'kinds',
  'exported',
  'async',
  'name',
  'captureArgs',
  'captureReturn',
  'exclude',
] as const;

const PRESETS: readonly FunctionPreset[] = ['exported', 'all', 'none'];

type Checker = (value: unknown, where: string, problems: OptionProblem[]) => boolean;

/**
 * Validates a plugin entry and merges it over the defaults. Every problem is
 * returned (not thrown); an option with an error keeps its default, so one
 * mistake does not hide the next.
 */
export function resolveOptions(raw: unknown): { options: ResolvedOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const options: ResolvedOptions = { ...DEFAULT_OPTIONS };
  if (raw === undefined || raw === null) return { options, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(error(`the plugin entry must be an object; got ${describe(raw)}.`));
    return { options, problems };
  }
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (TS_PATCH_KEYS.has(key) || (OPTION_KEYS as readonly string[]).includes(key)) continue;
    problems.push(error(`unknown option '${key}'.${hint(key, OPTION_KEYS)}`));
  }
  const set = <K extends keyof ResolvedOptions>(key: K, check: Checker): void => {
    const value = entry[key];
    if (value !== undefined && check(value, key, problems)) options[key] = value as ResolvedOptions[K];
  };
  set('include', isStringList);
  set('exclude', isStringList);
  set('functions', isFunctions);
  set('runtime', isNonEmptyString);
  set('report', isNonEmptyString);
  set('captureArgs', isBoolean);
  set('captureReturn', isBoolean);
  set('secretNames', isStringList);
  set('http', isHttp);
  return { options, problems };
}

function isFunctions(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (typeof value === 'string') {
    if ((PRESETS as readonly string[]).includes(value)) return true;
    problems.push(error(`option '${where}' must be "exported", "all", "none" or a list of rules; got "${value}".${hint(value, PRESETS)}`));
    return false;
  }
  if (!Array.isArray(value)) {
    problems.push(error(`option '${where}' must be "exported", "all", "none" or a list of rules; got ${describe(value)}.`));
    return false;
  }
  let ok = true;
  value.forEach((rule, i) => {
    ok = isRule(rule, `${where}[${i}]`, problems) && ok;
  });
  return ok;
}

function isRule(rule: unknown, where: string, problems: OptionProblem[]): boolean {
  if (!isObject(rule, where, problems)) return false;
  const fields = rule as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(fields)) {
    if ((RULE_KEYS as readonly string[]).includes(key)) continue;
    problems.push(error(`unknown field '${key}' in rule ${where}.${hint(key, RULE_KEYS)}`));
    ok = false;
  }
  const checks: Record<(typeof RULE_KEYS)[number], Checker> = {
    match: isNonEmptyString,
    file: isNonEmptyString,
    kinds: isKindList,
    exported: isBoolean,
    async: isBoolean,
    name: isNonEmptyString,
    captureArgs: isBoolean,
    captureReturn: isBoolean,
    exclude: isBoolean,
  };
  for (const key of RULE_KEYS) {
    if (fields[key] !== undefined) ok = checks[key](fields[key], `${where}.${key}`, problems) && ok;
  }
  return ok;
}

function isKindList(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (!isStringList(value, where, problems)) return false;
  let ok = true;
  for (const kind of value as string[]) {
    if ((FUNCTION_KINDS as readonly string[]).includes(kind)) continue;
    problems.push(error(`option '${where}' has the unknown kind "${kind}"; kinds are ${FUNCTION_KINDS.join(', ')}.${hint(kind, FUNCTION_KINDS)}`));
    ok = false;
  }
  return ok;
}

function isStringList(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return true;
  problems.push(error(`option '${where}' must be a list of strings; got ${describe(value)}.`));
  return false;
}

function isNonEmptyString(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (typeof value === 'string' && value !== '') return true;
  problems.push(error(`option '${where}' must be a non-empty string; got ${describe(value)}.`));
  return false;
}

function isBoolean(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (typeof value === 'boolean') return true;
  problems.push(error(`option '${where}' must be true or false; got ${describe(value)}.`));
  return false;
}

function isObject(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
  problems.push(error(`option '${where}' must be an object; got ${describe(value)}.`));
  return false;
}

const HTTP_KEYS = ['client', 'server'] as const;

/** `http: { client?, server? }`: each a switch (true, false) or the instrumenter's own options object. */
function isHttp(value: unknown, where: string, problems: OptionProblem[]): boolean {
  if (!isObject(value, where, problems)) return false;
  let ok = true;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!(HTTP_KEYS as readonly string[]).includes(key)) {
      problems.push(error(`unknown option '${where}.${key}'.${hint(key, HTTP_KEYS)}`));
      ok = false;
    } else if (typeof entry !== 'boolean' && (typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
      problems.push(error(`option '${where}.${key}' must be true, false or an object; got ${describe(entry)}.`));
      ok = false;
    }
  }
  return ok;
}

function error(message: string): OptionProblem {
  return { severity: 'error', message };
}

function hint(given: string, candidates: readonly string[]): string {
  const meant = suggestionFor(given, candidates);
  return meant === undefined ? '' : ` Did you mean '${meant}'?`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}

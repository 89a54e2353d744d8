/**
 * Applies the `functions` option and the in-code marks to one function's
 * facts: selected (with the span name and what to capture), skipped (with the
 * reason, for the report), or not a candidate at all.
 */
import picomatch = require('picomatch');
import type { FunctionRule, ResolvedOptions } from '../options';
import type { FunctionFacts } from './describe';
import type { Mark } from './marks';

/** Everything selection needs to know about one function. */
export interface Candidate {
  facts: FunctionFacts;
  /** Path relative to the tsconfig's folder, with `/` separators. */
  file: string;
  exported: boolean;
  /** The function's own mark, or else its class's. */
  mark: Mark | undefined;
}

export type Choice =
  | { selected: true; spanName: string; rule: string; ruleIndex?: number; captureArgs: boolean; captureReturn: boolean }
  | { selected: false; rule: string; ruleIndex?: number; reason: string };

/** A compiled `functions` option: decides for one candidate at a time. */
export class FunctionSelector {
  private readonly rules: readonly CompiledRule[];

  constructor(private readonly options: ResolvedOptions) {
    this.rules = Array.isArray(options.functions) ? options.functions.map(compileRule) : [];
  }

  /** The choice for `candidate`, or undefined when nothing selects it and nothing needs reporting. */
  choose(candidate: Candidate): Choice | undefined {
    const { facts, mark } = candidate;
    const byRule = this.byRules(candidate);
    if (mark !== undefined && !mark.trace) {
      return byRule?.selected ? { selected: false, rule: byRule.rule, ruleIndex: byRule.ruleIndex, reason: 'marked @notrace' } : undefined;
    }
    if (mark?.trace) {
      const name = mark.name ?? spanNameOf(facts, undefined);
      return { selected: true, spanName: name, rule: '@trace', captureArgs: this.options.captureArgs, captureReturn: this.options.captureReturn };
    }
    return byRule;
  }

  /** How many functions each rule matched, to warn about the rules that matched none. */
  readonly hits: number[] = [];

  private byRules(candidate: Candidate): Choice | undefined {
    const { facts } = candidate;
    if (facts.qualifiedName === undefined) return undefined;
    const preset = this.options.functions;
    const { captureArgs, captureReturn } = this.options;
    // Fields written out, not spread from a defaults object: spreading after other fields takes V8's slow path, once per function.
    if (preset === 'all') return { selected: true, spanName: spanNameOf(facts, undefined), rule: 'functions: "all"', captureArgs, captureReturn };
    if (preset === 'exported') {
      if (!candidate.exported || !EXPORTED_PRESET_KINDS.has(facts.kind)) return undefined;
      return { selected: true, spanName: spanNameOf(facts, undefined), rule: 'functions: "exported"', captureArgs, captureReturn };
    }
    const index = this.rules.findIndex((rule) => rule.matches(candidate));
    if (index < 0) return undefined;
    this.hits[index] = (this.hits[index] ?? 0) + 1;
    const rule = this.rules[index].rule;
    const label = `functions[${index}]`;
    if (rule.exclude === true) return { selected: false, rule: label, ruleIndex: index, reason: `excluded by ${label}` };
    return {
      selected: true,
      spanName: spanNameOf(facts, rule.name),
      rule: label,
      ruleIndex: index,
      captureArgs: rule.captureArgs ?? captureArgs,
      captureReturn: rule.captureReturn ?? captureReturn,
    };
  }

  /** The rules that matched no function, with their index, for warnings. */
  unusedRules(): { index: number; rule: FunctionRule }[] {
    return this.rules.flatMap((compiled, index) => ((this.hits[index] ?? 0) === 0 ? [{ index, rule: compiled.rule }] : []));
  }
}

/** Kinds the "exported" preset takes from exported code: not accessors, not constructors. */
const EXPORTED_PRESET_KINDS = new Set(['function', 'arrow', 'method', 'classField']);

interface CompiledRule {
  rule: FunctionRule;
  matches(candidate: Candidate): boolean;
}

function compileRule(rule: FunctionRule): CompiledRule {
  const name = rule.match === undefined ? undefined : picomatch(rule.match, { dot: true });
  const file = rule.file === undefined ? undefined : picomatch(rule.file, { dot: true });
  return {
    rule,
    matches: ({ facts, file: path, exported }) =>
      (name === undefined || name(facts.qualifiedName ?? '')) &&
      (file === undefined || file(path)) &&
      (rule.kinds === undefined || rule.kinds.includes(facts.kind)) &&
      (rule.exported === undefined || rule.exported === exported) &&
      (rule.async === undefined || rule.async === facts.async),
  };
}

/** The span name: a rule's or mark's name, else the qualified name (accessors as `get X.y`). */
function spanNameOf(facts: FunctionFacts, given: string | undefined): string {
  if (given !== undefined) return given;
  const name = facts.qualifiedName ?? facts.functionName;
  return facts.kind === 'getter' ? `get ${name}` : facts.kind === 'setter' ? `set ${name}` : name;
}

/**
 * Runs a fixture's scenarios and records what a caller observes and which
 * spans were made, in a form two builds can be compared by: span ids become
 * the index of the span in finishing order.
 */
import { MemoryReporter } from 'spanweave/runtime';
import { settlementsRead } from '../transformer/harness';
import type { FinishedSpan } from 'spanweave/runtime';

export type Scenarios = Record<string, () => unknown>;

export interface ComparableSpan {
  name: string;
  parent: number | undefined;
  tags: Record<string, unknown>;
  errors: unknown[];
}

export function comparable(spans: readonly FinishedSpan[]): ComparableSpan[] {
  const index = new Map(spans.map((s, i) => [s.spanId, i]));
  return spans.map((s) => ({
    name: s.operationName,
    parent: s.parentId === undefined ? undefined : index.get(s.parentId),
    tags: s.tags,
    errors: s.logs.filter((l) => l.fields.event === 'error').map((l) => l.fields.message),
  }));
}

/** The scenario's result and the spans it made. */
export async function run(memory: MemoryReporter, scenarios: Scenarios, name: string): Promise<{ result: unknown; spans: ComparableSpan[] }> {
  memory.clear();
  const result = await scenarios[name]!();
  // Spans of promises settled after the scenario's own (unawaited work), and of promises returned by plain functions, finish a macrotask later.
  await settlementsRead();
  return { result, spans: comparable(memory.spans()) };
}

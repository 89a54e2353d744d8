import * as opentracing from 'opentracing';
import type { SpanReference } from '../model';
import { ownContextOf } from './context-span';
import type { SpanweaveSpanContext } from './span-context';

/** A new span's parent and references, as read from OpenTracing start options. */
export interface Lineage {
  parent: SpanweaveSpanContext | undefined;
  /** Undefined when only `childOf` was given: the span derives its one reference from the parent. */
  references: SpanReference[] | undefined;
}

function toReference(type: SpanReference['type'], context: SpanweaveSpanContext): SpanReference {
  return { type, traceId: context.traceId, spanId: context.spanId };
}

/**
 * The parent is `childOf` if given, else the first CHILD_OF reference, else
 * the first FOLLOWS_FROM one (so a span that only follows another stays in
 * its trace). Contexts of other tracers are ignored: they cannot be parents.
 */
export function lineageOf(options: opentracing.SpanOptions): Lineage {
  const explicit = ownContextOf(options.childOf);
  const given = options.references;
  if (!Array.isArray(given) || given.length === 0) return { parent: explicit, references: undefined };

  const references: SpanReference[] = explicit ? [toReference('child_of', explicit)] : [];
  let firstChildOf: SpanweaveSpanContext | undefined;
  let firstFollowsFrom: SpanweaveSpanContext | undefined;
  for (const reference of given) {
    if (!(reference instanceof opentracing.Reference)) continue;
    const context = ownContextOf(reference.referencedContext());
    if (context === undefined) continue;
    if (reference.type() === opentracing.REFERENCE_FOLLOWS_FROM) {
      firstFollowsFrom ??= context;
      references.push(toReference('follows_from', context));
    } else {
      firstChildOf ??= context;
      references.push(toReference('child_of', context));
    }
  }
  return { parent: explicit ?? firstChildOf ?? firstFollowsFrom, references };
}

/**
 * Samplers whose decision for a new root never looks at the trace id. The
 * tracer asks once, when it is built, so a new root needs no trace id to be
 * decided: its id is then made only when something reads it (span-context.ts).
 */
import type { Sampler } from '../model';
import { AlwaysOffSampler, AlwaysOnSampler } from './constant';
import { ParentBasedSampler } from './parent-based';

/**
 * The fixed decision `sampler` makes for every span without a parent, or
 * undefined when it may depend on the trace id (or the sampler is not one of
 * ours, or a subclass that may decide otherwise).
 */
export function fixedRootDecision(sampler: Sampler): boolean | undefined {
  if (Object.hasOwn(sampler, 'shouldSample')) return undefined;
  const kind = sampler.constructor;
  if (kind === AlwaysOnSampler) return true;
  if (kind === AlwaysOffSampler) return false;
  if (kind === ParentBasedSampler) return fixedRootDecision((sampler as ParentBasedSampler).rootSampler);
  return undefined;
}

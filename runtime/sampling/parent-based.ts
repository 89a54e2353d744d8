/**
 * `parentbased_*`: a span with a parent follows the parent's decision, so a
 * trace is recorded whole or not at all; only a root is decided by the root
 * sampler. As in OpenTelemetry, what to do for each kind of parent can be
 * replaced; the defaults record under a sampled parent and not under an
 * unsampled one, for local and remote parents alike.
 *
 * Two cases come from B3 and Jaeger: a debug parent is always followed into
 * recording, and a parent whose sender deferred the decision (B3 ids without a
 * sampling state) is decided by the root sampler, as the sender asked.
 */
import type { Sampler, TraceContextData } from '../model';
import { FLAG_SAMPLED } from '../propagation/tracecontext';
import { AlwaysOffSampler, AlwaysOnSampler } from './constant';

export interface ParentBasedOptions {
  /** Decides for spans with no parent. */
  root: Sampler;
  /** Default: always on. */
  remoteParentSampled?: Sampler;
  /** Default: always off. */
  remoteParentNotSampled?: Sampler;
  /** Default: always on. */
  localParentSampled?: Sampler;
  /** Default: always off. */
  localParentNotSampled?: Sampler;
}

export class ParentBasedSampler implements Sampler {
  readonly description: string;
  private readonly root: Sampler;
  private readonly remoteParentSampled: Sampler;
  private readonly remoteParentNotSampled: Sampler;
  private readonly localParentSampled: Sampler;
  private readonly localParentNotSampled: Sampler;

  constructor(options: ParentBasedOptions) {
    const on = new AlwaysOnSampler();
    const off = new AlwaysOffSampler();
    this.root = options.root;
    this.remoteParentSampled = options.remoteParentSampled ?? on;
    this.remoteParentNotSampled = options.remoteParentNotSampled ?? off;
    this.localParentSampled = options.localParentSampled ?? on;
    this.localParentNotSampled = options.localParentNotSampled ?? off;
    this.description =
      `ParentBased{root=${this.root.description}, remoteParentSampled=${this.remoteParentSampled.description}, ` +
      `remoteParentNotSampled=${this.remoteParentNotSampled.description}, localParentSampled=${this.localParentSampled.description}, ` +
      `localParentNotSampled=${this.localParentNotSampled.description}}`;
  }

  /** @internal The sampler that decides for spans with no parent. */
  get rootSampler(): Sampler {
    return this.root;
  }

  shouldSample(traceId: string, parent: TraceContextData | undefined, parentIsRemote: boolean): boolean {
    if (parent === undefined || parent.samplingDeferred === true) return this.root.shouldSample(traceId, parent, parentIsRemote);
    if (parent.debug === true) return true;
    const sampled = (parent.traceFlags & FLAG_SAMPLED) !== 0;
    const delegate = parentIsRemote
      ? sampled
        ? this.remoteParentSampled
        : this.remoteParentNotSampled
      : sampled
        ? this.localParentSampled
        : this.localParentNotSampled;
    return delegate.shouldSample(traceId, parent, parentIsRemote);
  }
}

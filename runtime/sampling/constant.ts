/** The two samplers that do not look at anything: `always_on` and `always_off`. */
import type { Sampler } from '../model';

/** Records every span it is asked about. */
export class AlwaysOnSampler implements Sampler {
  readonly description = 'AlwaysOnSampler';
  shouldSample(): boolean {
    return true;
  }
}

/** Records nothing; spans still carry and propagate their context. */
export class AlwaysOffSampler implements Sampler {
  readonly description = 'AlwaysOffSampler';
  shouldSample(): boolean {
    return false;
  }
}

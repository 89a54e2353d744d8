import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianRatioInterval } from '../../bench/lib/stats';

describe('bench: the interval of a ratio of medians', () => {
  it('collapses to the ratio when every run measured the same', () => {
    assert.deepEqual(medianRatioInterval([11, 11, 11], [10, 10, 10]), { low: 1.1, high: 1.1 });
  });

  it('holds the ratio of the medians, and widens as the runs spread', () => {
    const steady = medianRatioInterval([10.5, 10.6, 10.7, 10.6, 10.5], [10, 10.1, 9.9, 10, 10]);
    const noisy = medianRatioInterval([9, 12, 10.6, 13, 10], [10, 8, 12, 10, 9]);
    assert.ok(steady.low <= 1.06 && 1.06 <= steady.high, `${steady.low}-${steady.high}`);
    assert.ok(noisy.high - noisy.low > 2 * (steady.high - steady.low), `${noisy.low}-${noisy.high} against ${steady.low}-${steady.high}`);
  });

  it('prints the same interval for the same runs', () => {
    const runs = [[31.7, 36.7, 35.9, 33.1, 35.2], [34.6, 41.5, 36.6, 35.0, 37.2]] as const;
    assert.deepEqual(medianRatioInterval(runs[1], runs[0]), medianRatioInterval(runs[1], runs[0]));
  });
});

/** The median of several runs with the spread, so the noise is shown next to the number. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('bench: summarize() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/**
 * How far the ratio of two medians, `numerators`' over `denominators'`, can be
 * trusted: the central `level` of that ratio over bootstrap resamples of both
 * sides (each resampled with replacement, independently). Few runs on a noisy
 * machine give a wide interval, which a single ratio does not show. Seeded, so
 * the same runs always print the same interval.
 */
export function medianRatioInterval(numerators: readonly number[], denominators: readonly number[], level = 0.9, resamples = 4000): { low: number; high: number } {
  const random = seededRandom(0x5eed);
  const resampledMedian = (values: readonly number[]) => summarize(Array.from(values, () => values[Math.floor(random() * values.length)])).median;
  const ratios = Array.from({ length: resamples }, () => resampledMedian(numerators) / resampledMedian(denominators)).sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: ratios[Math.floor(tail * (resamples - 1))], high: ratios[Math.ceil((1 - tail) * (resamples - 1))] };
}

/** A small seeded generator of numbers in [0, 1) (mulberry32): reproducible, which Math.random is not. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

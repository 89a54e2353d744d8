import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceContextData } from '../../runtime/model';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  RateLimitingSampler,
  TraceIdRatioSampler,
} from '../../runtime/sampling/index';

/** A seeded generator (mulberry32), so the "random" ids are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(42);
const word = (): string => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
const randomTraceId = (): string => word() + word() + word() + word();
const TRACE = '0af7651916cd43dd8448eb211c80319c';

function parent(traceFlags: number, extra: Partial<TraceContextData> = {}): TraceContextData {
  return { traceId: TRACE, spanId: 'b7ad6b7169203331', traceFlags, baggage: {}, ...extra };
}

test('always_on and always_off', () => {
  assert.equal(new AlwaysOnSampler().shouldSample(), true);
  assert.equal(new AlwaysOffSampler().shouldSample(), false);
});

test('traceidratio: the rightmost 56 bits against (1 - ratio) * 2^56', () => {
  const half = new TraceIdRatioSampler(0.5);
  assert.equal(half.shouldSample(`${'f'.repeat(18)}80000000000000`, undefined), true);
  assert.equal(half.shouldSample(`${'f'.repeat(18)}7fffffffffffff`, undefined), false);
  assert.equal(half.shouldSample(`${'0'.repeat(18)}80000000000000`, undefined), true, 'the upper 72 bits do not count');
  // A 64-bit id padded on the left, as read from B3 or Jaeger, is decided by its random low bits.
  assert.equal(half.shouldSample(`${'0'.repeat(16)}0080000000000000`, undefined), true);
  const quarter = new TraceIdRatioSampler(0.25);
  assert.equal(quarter.shouldSample(`${'0'.repeat(18)}c0000000000000`, undefined), true);
  assert.equal(quarter.shouldSample(`${'0'.repeat(18)}bfffffffffffff`, undefined), false);
  assert.equal(quarter.description, 'TraceIdRatioBased{0.25}');
});

test('traceidratio: 0 records nothing, 1 everything; out-of-range ratios are clamped', () => {
  const ids = Array.from({ length: 200 }, randomTraceId).concat([`${'0'.repeat(31)}1`, 'f'.repeat(32)]);
  for (const id of ids) {
    assert.equal(new TraceIdRatioSampler(0).shouldSample(id, undefined), false);
    assert.equal(new TraceIdRatioSampler(1).shouldSample(id, undefined), true);
  }
  assert.equal(new TraceIdRatioSampler(7).ratio, 1);
  assert.equal(new TraceIdRatioSampler(-1).ratio, 0);
  assert.equal(new TraceIdRatioSampler(NaN).ratio, 0);
});

test('traceidratio: a malformed trace id is not sampled', () => {
  assert.equal(new TraceIdRatioSampler(1).shouldSample('xyz', undefined), false);
  assert.equal(new TraceIdRatioSampler(1).shouldSample(`${'0'.repeat(18)}zzzzzzzzzzzzzz`, undefined), false);
});

test('traceidratio: services agree, a higher ratio records a superset, and the fraction is close to the ratio', () => {
  const ids = Array.from({ length: 20_000 }, randomTraceId);
  const ratios = [0.01, 0.1, 0.25, 0.5, 0.9];
  const decisions = ratios.map((ratio) => {
    const here = new TraceIdRatioSampler(ratio);
    const elsewhere = new TraceIdRatioSampler(ratio);
    return ids.map((id) => {
      const decision = here.shouldSample(id, undefined);
      // Another service, seeing the trace as a remote child, decides the same.
      assert.equal(elsewhere.shouldSample(id, parent(0, { traceId: id })), decision);
      return decision;
    });
  });
  ratios.forEach((ratio, r) => {
    const fraction = decisions[r]!.filter(Boolean).length / ids.length;
    assert.ok(Math.abs(fraction - ratio) < 0.02 + ratio * 0.1, `ratio ${ratio}: recorded ${fraction}`);
    if (r > 0) ids.forEach((_, i) => assert.ok(!decisions[r - 1]![i] || decisions[r]![i], 'monotonic'));
  });
});

test('traceidratio: explicit randomness in the tracestate (ot=rv:) replaces the trace id bits', () => {
  const half = new TraceIdRatioSampler(0.5);
  const lowId = `${'0'.repeat(18)}00000000000001`;
  assert.equal(half.shouldSample(lowId, parent(0, { traceState: 'ot=th:8;rv:ffffffffffffff,k=v' })), true);
  assert.equal(half.shouldSample(lowId, parent(0, { traceState: 'k=v,ot=rv:ffffffffffffff' })), true);
  assert.equal(half.shouldSample('f'.repeat(32), parent(0, { traceState: 'ot=rv:00000000000000' })), false);
  // Not an ot member, or not 14 hex digits: ignored.
  assert.equal(half.shouldSample(lowId, parent(0, { traceState: 'xot=rv:ffffffffffffff' })), false);
  assert.equal(half.shouldSample(lowId, parent(0, { traceState: 'ot=rv:fff' })), false);
});

const PARENT_CASES: Array<[string, TraceContextData | undefined, boolean, boolean]> = [
  ['no parent: the root sampler', undefined, false, false],
  ['remote sampled parent', parent(1), true, true],
  ['remote unsampled parent', parent(0), true, false],
  ['local sampled parent', parent(1), false, true],
  ['local unsampled parent', parent(0), false, false],
  ['random flag alone is not sampled', parent(2), true, false],
  ['remote debug parent', parent(0, { debug: true }), true, true],
  ['deferred parent: the root sampler', parent(0, { samplingDeferred: true }), true, false],
];

for (const [what, context, remote, expected] of PARENT_CASES) {
  test(`parentbased: ${what}`, () => {
    // The root always says no here, so a yes can only come from following the parent.
    const sampler = new ParentBasedSampler({ root: new AlwaysOffSampler() });
    assert.equal(sampler.shouldSample(TRACE, context, remote), expected);
  });
}

test('parentbased: root decisions and the per-parent samplers can be replaced', () => {
  const onRoot = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  assert.equal(onRoot.shouldSample(TRACE, undefined, false), true);
  assert.equal(onRoot.shouldSample(TRACE, parent(0, { samplingDeferred: true }), true), true);
  const inverted = new ParentBasedSampler({
    root: new AlwaysOnSampler(),
    remoteParentSampled: new AlwaysOffSampler(),
    remoteParentNotSampled: new AlwaysOnSampler(),
    localParentSampled: new AlwaysOffSampler(),
    localParentNotSampled: new AlwaysOnSampler(),
  });
  assert.equal(inverted.shouldSample(TRACE, parent(1), true), false);
  assert.equal(inverted.shouldSample(TRACE, parent(0), true), true);
  assert.equal(inverted.shouldSample(TRACE, parent(1), false), false);
  assert.equal(inverted.shouldSample(TRACE, parent(0), false), true);
  assert.match(onRoot.description, /^ParentBased\{root=AlwaysOnSampler, /);
});

test('ratelimiting: a token bucket refilled from an injected clock', () => {
  let now = 1000;
  const sampler = new RateLimitingSampler(2, () => now);
  const take = (): boolean => sampler.shouldSample();
  assert.deepEqual([take(), take(), take()], [true, true, false], 'starts with one second worth');
  now += 499;
  assert.equal(take(), false);
  now += 1;
  assert.deepEqual([take(), take()], [true, false], 'one token per 500 ms');
  now += 60_000;
  assert.deepEqual([take(), take(), take()], [true, true, false], 'never more than one second worth');
  now -= 10_000;
  assert.equal(take(), false, 'a clock going backwards adds nothing');
  assert.equal(sampler.description, 'RateLimitingSampler{2/s}');
});

test('ratelimiting: fractional and zero rates', () => {
  let now = 0;
  const slow = new RateLimitingSampler(0.5, () => now);
  assert.deepEqual([slow.shouldSample(), slow.shouldSample()], [true, false]);
  now += 1999;
  assert.equal(slow.shouldSample(), false);
  now += 1;
  assert.equal(slow.shouldSample(), true);
  const none = new RateLimitingSampler(0, () => now);
  now += 1e9;
  assert.equal(none.shouldSample(), false);
  assert.equal(new RateLimitingSampler(NaN, () => 0).shouldSample(), false);
});

test('ratelimiting: over a simulated minute at 1000 calls a second, about N per second pass', () => {
  let now = 0;
  const sampler = new RateLimitingSampler(10, () => now);
  let passed = 0;
  for (let i = 0; i < 60_000; i++, now += 1) if (sampler.shouldSample()) passed++;
  // Ten at once, then one every 100 ms over the remaining 59.999 s.
  assert.equal(passed, 10 + 599);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sampler, TraceContextData } from '../../runtime/model';
import { samplerByName, TraceIdRatioSampler } from '../../runtime/sampling/index';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const sampledParent: TraceContextData = { traceId: TRACE, spanId: 'b7ad6b7169203331', traceFlags: 1, baggage: {} };
const unsampledParent: TraceContextData = { ...sampledParent, traceFlags: 0 };

/** What a sampler decides for a root, under a sampled remote parent and under an unsampled one. */
function behaviour(sampler: Sampler): [boolean, boolean, boolean] {
  return [sampler.shouldSample(TRACE, undefined, false), sampler.shouldSample(TRACE, sampledParent, true), sampler.shouldSample(TRACE, unsampledParent, true)];
}

function quiet(name: string, arg?: string): { sampler: Sampler; problems: string[] } {
  const problems: string[] = [];
  return { sampler: samplerByName(name, arg, (p) => problems.push(p)), problems };
}

const NAME_CASES: Array<[string, string | undefined, [boolean, boolean, boolean], RegExp]> = [
  ['always_on', undefined, [true, true, true], /^AlwaysOnSampler$/],
  ['always_off', undefined, [false, false, false], /^AlwaysOffSampler$/],
  ['traceidratio', '1', [true, true, true], /^TraceIdRatioBased\{1\}$/],
  ['traceidratio', '0', [false, false, false], /^TraceIdRatioBased\{0\}$/],
  ['parentbased_always_on', undefined, [true, true, false], /^ParentBased\{root=AlwaysOnSampler,/],
  ['parentbased_always_off', undefined, [false, true, false], /^ParentBased\{root=AlwaysOffSampler,/],
  ['parentbased_traceidratio', '0', [false, true, false], /^ParentBased\{root=TraceIdRatioBased\{0\},/],
  ['ratelimiting', '5', [true, true, false], /^ParentBased\{root=RateLimitingSampler\{5\/s\},/],
  [' ParentBased_Always_On ', undefined, [true, true, false], /^ParentBased\{root=AlwaysOnSampler,/],
  ['', undefined, [true, true, false], /^ParentBased\{root=AlwaysOnSampler,/],
];

for (const [name, arg, expected, description] of NAME_CASES) {
  test(`samplerByName(${JSON.stringify(name)}, ${JSON.stringify(arg)})`, () => {
    const { sampler, problems } = quiet(name, arg);
    assert.deepEqual(behaviour(sampler), expected);
    assert.match(sampler.description, description);
    assert.deepEqual(problems, []);
  });
}

test('samplerByName: ratio arguments, valid and invalid', () => {
  assert.equal((quiet('traceidratio', ' 0.25 ').sampler as TraceIdRatioSampler).ratio, 0.25);
  assert.equal((quiet('traceidratio', '.5').sampler as TraceIdRatioSampler).ratio, 0.5);
  assert.equal((quiet('traceidratio', '1e-3').sampler as TraceIdRatioSampler).ratio, 0.001);
  assert.equal((quiet('traceidratio').sampler as TraceIdRatioSampler).ratio, 1, 'absent: the default, silently');
  for (const bad of ['abc', '1.5', '-0.1', '0x1', 'NaN', 'Infinity', '0.5;', '1,0']) {
    const { sampler, problems } = quiet('traceidratio', bad);
    assert.equal((sampler as TraceIdRatioSampler).ratio, 1, bad);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /traceidratio: argument .* is not a number from 0 to 1; using 1/);
  }
  const { sampler, problems } = quiet('parentbased_traceidratio', 'half');
  assert.match(sampler.description, /root=TraceIdRatioBased\{1\}/);
  assert.equal(problems.length, 1);
});

test('samplerByName: ratelimiting arguments', () => {
  assert.match(quiet('ratelimiting').sampler.description, /RateLimitingSampler\{100\/s\}/);
  assert.match(quiet('ratelimiting', '0.5').sampler.description, /RateLimitingSampler\{0.5\/s\}/);
  const { sampler, problems } = quiet('ratelimiting', '-3');
  assert.match(sampler.description, /RateLimitingSampler\{100\/s\}/);
  assert.match(problems[0]!, /ratelimiting: argument "-3" is not a number/);
});

test('samplerByName: an unknown name gives the default and says so', () => {
  for (const name of ['jaeger_remote', 'xray', 'toString', '__proto__']) {
    const { sampler, problems } = quiet(name, '0.5');
    assert.deepEqual(behaviour(sampler), [true, true, false]);
    assert.deepEqual(problems, [`sampler ${JSON.stringify(name)} is not known; using parentbased_always_on`]);
  }
});

test('samplerByName: without a report callback, a problem is a process warning', async () => {
  const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
  samplerByName('nope');
  const warning = await warned;
  assert.equal(warning.name, 'SpanweaveWarning');
  assert.match(warning.message, /sampler "nope" is not known/);
});

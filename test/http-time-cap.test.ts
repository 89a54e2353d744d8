/**
 * The time cap shared by the HTTP hooks: one timer for every open span, each
 * entry expired once at its own deadline, none after it left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeSpan, diagnostics, withSpan } from 'spanweave/runtime';
import { timeCap } from '../runtime/hooks/http-time-cap';

interface Entry {
  name: string;
  deadline: number;
}

function entry(name: string): Entry {
  return { name, deadline: Infinity };
}

test('each entry expires once at its deadline, an earlier one first, a removed one never', async () => {
  const expired: string[] = [];
  const cap = timeCap<Entry>((e) => expired.push(e.name));
  const [late, removed, early] = [entry('late'), entry('removed'), entry('early')];
  assert.equal(cap.add(late, 60), true);
  assert.equal(cap.add(removed, 20), true);
  // Added last with the shortest delay: the timer is armed earlier for it.
  assert.equal(cap.add(early, 10), true);
  cap.remove(removed);
  await sleep(35);
  assert.deepEqual(expired, ['early']);
  await sleep(60);
  assert.deepEqual(expired, ['early', 'late']);
});

test('a delay that is not a positive finite number means no cap', () => {
  const cap = timeCap<Entry>(() => assert.fail('nothing is capped'));
  for (const ms of [0, -5, Infinity, Number.NaN]) assert.equal(cap.add(entry(String(ms)), ms), false);
});

test('expiry runs outside the span that was active when the entry was added, and a throwing expiry is counted, not felt', async () => {
  const seen: unknown[] = [];
  const cap = timeCap<Entry>((e) => {
    seen.push(activeSpan());
    if (e.name === 'throws') throw new Error('expiry failed');
  });
  const span = { context: () => undefined } as never;
  const faults = diagnostics().instrumentationFaults;
  withSpan(span, () => {
    cap.add(entry('throws'), 5);
    cap.add(entry('after'), 5);
  });
  await sleep(25);
  assert.deepEqual(seen, [undefined, undefined]);
  assert.equal(diagnostics().instrumentationFaults, faults + 1);
});

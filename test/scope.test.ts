import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Span } from 'opentracing';
import { activeSpan, withSpan } from 'spanweave/runtime';

test('withSpan makes a span active across await and timers, and restores the outer one', async () => {
  const outer = new Span();
  const inner = new Span();
  assert.equal(activeSpan(), undefined);
  await withSpan(outer, async () => {
    assert.equal(activeSpan(), outer);
    await withSpan(inner, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      assert.equal(activeSpan(), inner);
    });
    assert.equal(activeSpan(), outer);
  });
  assert.equal(activeSpan(), undefined);
});

test('withSpan in the callback of a frozen promise (no store can be written there on Node 20) runs fn with the span active', async () => {
  const outer = new Span();
  const inner = new Span();
  const seen: unknown[] = [];
  await withSpan(outer, async () => {
    const derived = Promise.resolve().then(() => {
      seen.push(activeSpan() === outer);
      seen.push(withSpan(inner, () => activeSpan() === inner));
      seen.push(activeSpan() === outer);
    });
    Object.freeze(derived);
    await derived;
    seen.push(activeSpan() === outer);
  });
  assert.deepEqual(seen, [true, true, true, true]);
});

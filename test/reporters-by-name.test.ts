import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportersByName, ConsoleReporter, JsonLinesReporter } from 'spanweave/runtime';

test('reportersByName builds one reporter per known name and skips none, repeats and unknown names', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  const reporters = reportersByName([' Console ', 'none', 'console', 'zipkin2', 'jsonl'], {});
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  assert.equal(reporters.length, 2);
  assert.ok(reporters[0] instanceof ConsoleReporter);
  assert.ok(reporters[1] instanceof JsonLinesReporter);
  assert.ok(warnings.some((w) => w.includes('"zipkin2"')));
  assert.deepEqual(reportersByName(['none'], {}), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOptions } from '../transformer/options';

test('http.client: false is accepted and kept; the default leaves it on', () => {
  const off = resolveOptions({ http: { client: false } });
  assert.deepEqual(off.problems, []);
  assert.deepEqual(off.options.http, { client: false });
  assert.notEqual(resolveOptions({}).options.http.client, false);
});

test('a misspelt or mistyped http switch is an error that names it', () => {
  const misspelt = resolveOptions({ http: { clinet: false } });
  assert.deepEqual(misspelt.problems.map((p) => p.message), ["unknown option 'http.clinet'. Did you mean 'client'?"]);
  assert.deepEqual(misspelt.options.http, {}, 'the option keeps its default');
  const mistyped = resolveOptions({ http: { client: 'no' } });
  assert.deepEqual(mistyped.problems.map((p) => p.message), [`option 'http.client' must be true, false or an object; got "no".`]);
});

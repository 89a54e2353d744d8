// The public surface of spanweave/runtime, pinned: a name added to or removed
// from runtime/index.ts must be added or removed here too, on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as runtime from 'spanweave/runtime';
import { CONTRACT_NAMES } from '../runtime/contract';

/** The names users import (emitted-code names are pinned by CONTRACT_NAMES). */
const PUBLIC_NAMES = [
  'CONTRACT_NAMES',
  'CONTRACT_VERSION',
  'ConsoleReporter',
  'DEFAULT_LIMITS',
  'JsonLinesReporter',
  'MemoryReporter',
  'OtlpReporter',
  'SpanweaveConfigError',
  'Tracer',
  'activeSpan',
  'diagnostics',
  'exportDiagnostics',
  'httpClientCall',
  'init',
  'reportersByName',
  'shutdown',
  'trace',
  'useTracer',
  'withSpan',
];

function runtimeNames(module: object): string[] {
  return Object.keys(module).filter((name) => name !== 'default' && name !== '__esModule').sort();
}

test('every export of spanweave/runtime is a pinned public name or a contract name', () => {
  const allowed = new Set<string>([...PUBLIC_NAMES, ...CONTRACT_NAMES]);
  assert.deepEqual(runtimeNames(runtime).filter((name) => !allowed.has(name)), []);
  assert.deepEqual(PUBLIC_NAMES.filter((name) => !(name in runtime)), []);
});

test('the ESM face exports the same names as the CommonJS build, from the same instance', async () => {
  const esm = (await import('spanweave/runtime' as string)) as Record<string, unknown>;
  assert.deepEqual(runtimeNames(esm), runtimeNames(runtime));
  assert.equal(esm.trace, runtime.trace);
});

// Compiled code reads hooks off this object on every call; one accessor puts the whole object in V8's slow dictionary mode.
test('every export of the CommonJS build is a plain data property, not a getter', () => {
  const cjs = require('spanweave/runtime') as object;
  const accessors = Object.keys(cjs).filter((name) => Object.getOwnPropertyDescriptor(cjs, name)?.get !== undefined);
  assert.deepEqual(accessors, []);
});

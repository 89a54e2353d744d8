// The public surface of spanweave/instrument, pinned: a name added or removed
// in transformer/js/index.ts must be added or removed here too, on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as instrument from 'spanweave/instrument';

test('spanweave/instrument exports instrumentJs, JsInstrumenter and JsInstrumentError only', () => {
  const names = Object.keys(instrument).filter((name) => name !== 'default' && name !== '__esModule');
  assert.deepEqual(names.sort(), ['JsInstrumentError', 'JsInstrumenter', 'instrumentJs']);
});

test('bad options and unparsable code are JsInstrumentErrors that say what is wrong', () => {
  assert.throws(() => instrument.instrumentJs('', { filename: 'a.js', functoins: 'all' } as never), (error: unknown) => {
    assert.ok(error instanceof instrument.JsInstrumentError);
    assert.match(error.message, /^spanweave: unknown option 'functoins'\. Did you mean 'functions'\?/);
    return true;
  });
  assert.throws(() => instrument.instrumentJs('function (', { filename: '/p/a.js', projectDir: '/p', functions: 'all' }), /^JsInstrumentError: spanweave: cannot parse \/p\/a\.js:1:\d+: /);
});

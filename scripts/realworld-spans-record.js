'use strict';
// Preloaded (node --require) into the tracing-on run of `RW_SPANS=1
// scripts/realworld.sh`: keeps the HTTP client and server spans as JSON lines
// in RW_SPANS_FILE. Function spans are left out: with functions "all" a suite
// makes millions. It loads the same runtime module the traced build imports.
const runtime = require('../dist/runtime/index.js');

// A short flush interval: test workers often end with process.exit(), which skips beforeExit.
const lines = new runtime.JsonLinesReporter({ file: process.env.RW_SPANS_FILE, flushIntervalMs: 50 });
const httpKinds = new Set(['client', 'server']);
runtime.init({
  reporters: [
    {
      report: (span) => httpKinds.has(span.tags['span.kind']) && lines.report(span),
      flush: () => lines.flush(),
      shutdown: () => lines.shutdown(),
    },
  ],
});

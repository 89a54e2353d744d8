'use strict';
// Runs every dist/test/**/*.test.js with node's test runner. Node 20 takes a
// directory and Node 22+ takes globs, so the files are listed here for both.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const testDir = path.resolve(__dirname, '..', 'dist', 'test');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(testDir, { recursive: true })
  .filter((f) => f.endsWith('.test.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(testDir, f));
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);

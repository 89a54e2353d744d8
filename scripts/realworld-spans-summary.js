'use strict';
// Prints what the HTTP spans of a `RW_SPANS=1 scripts/realworld.sh` run look
// like (scripts/realworld-spans-record.js wrote them): per kind and component
// the counts, status codes and outcomes, the server span names, the hosts
// called, and how many server spans continue a recorded client span's trace.
//
//   node scripts/realworld-spans-summary.js spans.jsonl
const fs = require('node:fs');

const spans = fs
  .readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line));

function tally(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function show(label, values, limit = 12) {
  const counts = tally(values);
  const shown = counts.slice(0, limit).map(([value, count]) => `${value} ${count}`);
  if (counts.length > limit) shown.push(`... ${counts.length - limit} more`);
  console.log(`    ${label}: ${shown.join(', ')}`);
}

/** What became of a request: its status, or error / aborted / timeout, or `none` when nothing was recorded. */
function outcome(tags) {
  if (tags['spanweave.timeout'] === true) return 'timeout';
  if (tags['http.aborted'] === true || tags['spanweave.aborted'] === true) return 'aborted';
  if (tags['http.status_code'] !== undefined) return `${tags['http.status_code']}${tags.error === true ? ' (error)' : ''}`;
  return tags.error === true ? 'error' : 'none';
}

const clientIds = new Set(spans.filter((span) => span.tags['span.kind'] === 'client').map((span) => span.spanId));
for (const kind of ['client', 'server']) {
  const ofKind = spans.filter((span) => span.tags['span.kind'] === kind);
  console.log(`  ${kind} spans: ${ofKind.length}`);
  if (ofKind.length === 0) continue;
  show('component', ofKind.map((span) => span.tags.component));
  show('outcome', ofKind.map((span) => outcome(span.tags)));
  show('negative or missing duration', ofKind.map((span) => !(span.duration >= 0)));
  if (kind === 'client') {
    show('host', ofKind.map((span) => `${span.tags['peer.hostname']}`));
    show('name', ofKind.map((span) => span.operationName));
  } else {
    show('name', ofKind.map((span) => span.operationName));
    show('parent is a recorded client span', ofKind.map((span) => clientIds.has(span.parentId)));
  }
}

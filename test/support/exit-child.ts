/**
 * A program for the exit tests: it reports the sample trace (minus its root,
 * so the console reporter holds it) to one reporter, with schedules too long
 * to ever fire, then either ends on its own or prints "ready" and waits to be
 * terminated.
 *
 * argv: `otlp <endpoint> natural|sigterm [timeoutMs]`, `console`, `jsonl <file>`.
 */
import { ConsoleReporter, JsonLinesReporter, OtlpReporter, type Reporter } from 'spanweave/runtime';
import { sampleTrace } from './finished-spans';

const [, , kind, target, mode, timeoutMs] = process.argv;

function reporter(): Reporter {
  if (kind === 'console') return new ConsoleReporter({ color: false, idleMs: 600_000 });
  if (kind === 'jsonl') return new JsonLinesReporter({ file: target, flushIntervalMs: 600_000 });
  return new OtlpReporter({ endpoint: target, scheduledDelayMs: 600_000, timeoutMs: Number(timeoutMs ?? 10_000), flushOnSigterm: mode === 'sigterm' }, {});
}

const chosen = reporter();
for (const span of sampleTrace().slice(0, kind === 'console' ? -1 : undefined)) chosen.report(span);
if (mode === 'sigterm') {
  setInterval(() => {}, 1000); // an app that would run forever
  process.stdout.write('ready\n');
}

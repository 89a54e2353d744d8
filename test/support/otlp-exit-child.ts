/**
 * A program for the exit tests: it reports the sample trace to the OTLP
 * receiver given as argv[2], with a schedule too long to ever fire, then
 * either ends on its own (`natural`) or prints "ready" and waits to be
 * terminated (`sigterm`).
 */
import { OtlpReporter } from 'spanweave/runtime';
import { sampleTrace } from './finished-spans';

const [, , endpoint, mode] = process.argv;
const reporter = new OtlpReporter({ endpoint, scheduledDelayMs: 600_000, flushOnSigterm: mode === 'sigterm' }, {});
for (const span of sampleTrace()) reporter.report(span);
if (mode === 'sigterm') {
  setInterval(() => {}, 1000); // an app that would run forever
  process.stdout.write('ready\n');
}

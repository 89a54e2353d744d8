import net from 'node:net';
import { runChild } from '../lib/child';
import { markdownTable, num, textTable } from '../lib/format';
import type { BenchContext, PartReport, TargetCheck } from '../lib/part';
import { script } from '../lib/paths';
import type { MemoryResult } from './child';

const SPANS = { full: 1_000_000, quick: 100_000 };

/** A loopback port nothing listens on: bound, then closed, so connections are refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * "Bounded" as a rule one can check: the heap's peak over the second half of
 * the spans is at most 10% (plus 8 MiB of slack for the collector's timing)
 * above its peak over the first half. A queue that grew with the spans would
 * double it.
 */
function bounded(r: MemoryResult): boolean {
  return r.peakHeapSecondHalfMiB <= r.peakHeapFirstHalfMiB * 1.1 + 8;
}

export async function memoryPart(context: BenchContext): Promise<PartReport> {
  const spans = context.quick ? SPANS.quick : SPANS.full;
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}`;
  let result: MemoryResult | undefined;
  let failure = '';
  try {
    result = await runChild<MemoryResult>({
      node: process.execPath,
      script: script('memory/child'),
      args: [String(spans)],
      env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'always_on' },
      timeoutMs: 300_000,
    });
  } catch (error) {
    failure = (error as Error).message.split('\n').find((l) => /Error/.test(l)) ?? 'failed';
  }
  const target = `memory: peak heap bounded over ${spans.toLocaleString('en-US')} spans to a dead OTLP endpoint`;
  const header = ['spans', 'time', 'heap before', 'peak heap, first half', 'peak heap, second half', 'peak RSS', 'finished', 'dropped', 'failed export attempts'];
  const rows = result
    ? [[
        result.spans.toLocaleString('en-US'),
        `${num(result.seconds)} s`,
        `${num(result.baselineHeapMiB)} MiB`,
        `${num(result.peakHeapFirstHalfMiB)} MiB`,
        `${num(result.peakHeapSecondHalfMiB)} MiB`,
        `${num(result.peakRssMiB)} MiB`,
        result.finished.toLocaleString('en-US'),
        result.dropped.toLocaleString('en-US'),
        result.exportErrors.toLocaleString('en-US'),
      ]]
    : [[spans.toLocaleString('en-US'), `n/a: ${failure}`, '', '', '', '', '', '', '']];
  const checks: TargetCheck[] = [
    result
      ? { target, measured: `peak heap ${num(result.peakHeapSecondHalfMiB)} MiB (first half ${num(result.peakHeapFirstHalfMiB)} MiB)`, met: bounded(result) }
      : { target, measured: `n/a: ${failure}`, met: undefined },
  ];
  const method =
    `\`trace()\` makes ${spans.toLocaleString('en-US')} recorded spans in rounds of 5,000, the event loop running between rounds, ` +
    `with \`OTEL_TRACES_EXPORTER=otlp\` pointed at a closed loopback port (connections refused, so every batch is retried, then dropped), ` +
    `under Node ${process.versions.node}. The heap is sampled after every round. Bounded means the peak over the second half is at most ` +
    '10% + 8 MiB above the peak over the first half.';
  return { title: 'Memory with the exporter down', markdown: `${method}\n\n${markdownTable(header, rows)}`, text: textTable(header, rows), checks };
}

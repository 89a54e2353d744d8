import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { AlwaysOnSampler, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { noopExporter } from '../percall/otel';

/**
 * OpenTelemetry's auto-instrumentation of node:http and Express, recording
 * every request through a BatchSpanProcessor to a no-op exporter. Must run
 * before the app requires express.
 */
export function instrumentWithOpenTelemetry(): void {
  const provider = new NodeTracerProvider({
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new BatchSpanProcessor(noopExporter)],
  });
  provider.register();
  registerInstrumentations({ instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()] });
}

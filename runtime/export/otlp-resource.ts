/**
 * What the OTLP exporter says about the process that made the spans: the
 * resource attributes and the instrumentation scope.
 */
import type { TagValue } from '../model';
import type { ExportSource } from './otlp-mapping';

/** The spanweave package's version, read once from its own package.json. */
export const SPANWEAVE_VERSION: string = readVersion();

function readVersion(): string {
  try {
    return (require('spanweave/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The resource and scope of exported spans: the OpenTelemetry `telemetry.sdk.*`
 * and `process.*` attributes of this process, then the configured ones
 * (`OTEL_RESOURCE_ATTRIBUTES`, the `resourceAttributes` option), which win.
 */
export function exportSource(configured: Readonly<Record<string, TagValue>>): ExportSource {
  return {
    resourceAttributes: {
      'telemetry.sdk.name': 'spanweave',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.version': SPANWEAVE_VERSION,
      'process.pid': process.pid,
      'process.runtime.name': 'nodejs',
      'process.runtime.version': process.versions.node,
      'process.executable.name': process.title,
      ...configured,
    },
    scope: { name: 'spanweave', version: SPANWEAVE_VERSION },
  };
}

import { emailSyncRegistry } from '@suite/tools';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface SuiteMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(): SuiteMetrics {
  // The email sync's counters live in the tool layer's module; /metrics serves them with the suite's.
  const registry = Registry.merge([new Registry(), emailSyncRegistry]);
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'suite_http_request_duration_seconds',
    help: 'HTTP request latency by route (tRPC procedures are labelled with their path)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

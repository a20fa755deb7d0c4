// The small interface the worker pushes through. Nothing here loads OpenTelemetry: lib/metrics/otel/index.ts
// imports the SDK only when an OTLP endpoint is configured.
import type { ProbeRunResult } from "../../domain/probe-run";

export interface ProbeRunSample {
  integration: string;
  kind: string;
  /** The probed URL for HTTP kinds (server.address, server.port); null otherwise. */
  url: string | null;
  method: string | null;
  result: Pick<ProbeRunResult, "ok" | "latencyMs" | "httpStatus" | "errorClass">;
}

export interface MetricsPush {
  /** One run this worker finished: recorded into the run counter and the duration histograms. */
  probeRun(run: ProbeRunSample): void;
  /** Pushes what is pending and stops. */
  shutdown(): Promise<void>;
}

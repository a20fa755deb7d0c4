// Loads the OTLP push only when configured (an OTLP endpoint is set): the SDK is never imported otherwise.
import type { Db } from "../../db/client";
import { collectMetricFamilies } from "../scrape";
import { otelPushConfig, type OtelPushConfig } from "./config";
import type { MetricsPush } from "./types";

export type { MetricsPush, ProbeRunSample } from "./types";
export { otelPushConfig } from "./config";

export async function loadMetricsPush(
  db: Db,
  env: Record<string, string | undefined>,
  opts: { serviceInstanceId: string; onError?: (err: unknown) => void },
): Promise<{ push: MetricsPush; config: OtelPushConfig } | null> {
  const config = otelPushConfig(env);
  if (!config) return null;
  const { createOtelPush } = await import("./push");
  const push = await createOtelPush({
    config,
    collect: () => collectMetricFamilies(db, new Date()),
    serviceInstanceId: opts.serviceInstanceId,
    onError: opts.onError,
  });
  return { push, config };
}

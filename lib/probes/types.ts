// The one interface every probe kind implements. A probe never throws: it returns a classified outcome.
import type { ProbeErrorClass } from "../domain/probe-run";
import type { OutboundPolicy } from "../security/outbound";

export type { ProbeErrorClass };

export interface ProbeResponse {
  /** Kind-specific readings worth keeping on the run: queue depth, replication lag, tool list, days of cert left... */
  details?: Record<string, unknown>;
  status?: number;
  /** A few response headers worth showing in a trace (content-type, retry-after, rate-limit...). */
  headers?: Record<string, string>;
  bodyExcerpt?: string;
}

export type ProbeOutcome =
  | ({ ok: true; latencyMs: number } & ProbeResponse)
  | ({ ok: false; latencyMs: number | null; errorClass: ProbeErrorClass; message: string; retryable: boolean } & ProbeResponse);

export interface ProbeContext {
  signal: AbortSignal;
  timeoutMs: number;
  now: () => number;
  /** Which network destinations outbound requests may reach (SSRF guard, checked at connect time). */
  outbound: OutboundPolicy;
}

export interface Probe<Config> {
  run(config: Config, ctx: ProbeContext): Promise<ProbeOutcome>;
}

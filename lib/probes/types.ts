// The one interface every probe kind implements. A probe never throws: it returns a classified outcome. A kind's own
// policy (a gate on configs, a step after each run) is a property of its probe, so no caller branches on the kind.
import type { ProbeErrorClass, ProbeRunResult } from "../domain/probe-run";
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
  /** Removes the run's secret values from text the probe is about to clip (the whole result is scrubbed again after). */
  redact?: (text: string) => string;
}

/** Why a config may not be saved or run on this deployment. */
export interface GateRefusal {
  /** "disabled": this deployment does not run such configs (checked on save and before every run); "admin_only": only an admin may save one. */
  reason: "disabled" | "admin_only";
  /** The form field it is about, e.g. "config.transport". */
  field: string;
  /** The run's error, or the API's message when only admins may. */
  message: string;
  /** Shown beside the field in the form. */
  fieldMessage: string;
}

/** What an after-run step may read of the integration's earlier runs. */
export interface RunHistory {
  /** `details[key]` of the latest earlier run that recorded it; undefined when none did. */
  lastDetail(key: string): Promise<unknown>;
}

export interface Probe<Config> {
  run(config: Config, ctx: ProbeContext): Promise<ProbeOutcome>;
  /**
   * A kind's policy on configs that need a deployment's consent. `saving` is who is saving it (null before a run,
   * when only "disabled" applies); null when the config may be saved or run.
   */
  gate?(config: Config, saving: { admin: boolean } | null, env?: Record<string, string | undefined>): GateRefusal | null;
  /** Runs after every run of the kind (secrets already scrubbed), e.g. to compare readings with the last run's; never fails the run. */
  afterRun?(result: ProbeRunResult, history: RunHistory): Promise<ProbeRunResult>;
}

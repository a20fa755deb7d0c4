// Runs one probe through the circuit breaker, retry with backoff and per-attempt timeout, and returns the
// result with an attempt-by-attempt trace. Never throws for a probe failure; the caller persists the result.
import { admit, type CircuitPolicy, type CircuitSnapshot } from "../domain/circuit";
import type { AttemptTrace, ProbeRunResult } from "../domain/probe-run";
import { attemptPolicy, RetryableFailure, TaskCancelledError } from "../resilience/attempt-policy";
import { timeoutFailure } from "./shared/failure";
import type { Probe, ProbeOutcome } from "./types";
import { outboundPolicyFromEnv, type OutboundPolicy } from "../security/outbound";

export interface RunProbeInput<Config> {
  probe: Probe<Config>;
  config: Config;
  timeoutMs: number;
  retries: number;
  circuit: CircuitSnapshot;
  circuitPolicy: CircuitPolicy;
  /** Which destinations the probe may reach; defaults to TETHER_ALLOW_PRIVATE_TARGETS from the environment. */
  outbound?: OutboundPolicy;
  /** Passed to the probe: removes the run's secret values from text before it is clipped. */
  redact?: (text: string) => string;
  /** Manual "probe now" runs even when the circuit is open: a person asked to check. */
  force?: boolean;
  now?: () => number;
  backoff?: { initialDelayMs?: number; maxDelayMs?: number; random?: () => number };
}

export async function runProbe<Config>(input: RunProbeInput<Config>): Promise<ProbeRunResult> {
  const now = input.now ?? Date.now;
  const startedAt = now();
  const policySummary = {
    retries: input.retries,
    timeoutMs: input.timeoutMs,
    breakerThreshold: input.circuitPolicy.failureThreshold,
    breakerCooldownMs: input.circuitPolicy.cooldownMs,
    backoffInitialMs: input.backoff?.initialDelayMs,
    backoffMaxMs: input.backoff?.maxDelayMs,
  };
  const admission = admit(input.circuit, input.circuitPolicy, startedAt);
  if (!admission.allowed && !input.force) {
    const remaining = Math.max(0, (input.circuit.openedAt ?? startedAt) + input.circuitPolicy.cooldownMs - startedAt);
    return {
      startedAt,
      finishedAt: startedAt,
      ok: false,
      latencyMs: null,
      httpStatus: null,
      errorClass: "circuit_open",
      errorMessage: `Circuit open; next trial in ${Math.ceil(remaining / 1000)} s`,
      attempts: 0,
      trace: { circuitBefore: input.circuit.state, circuitAdmission: "rejected", attempts: [], totalMs: 0, policy: policySummary },
    };
  }

  const outbound = input.outbound ?? outboundPolicyFromEnv(process.env);
  const attempts: AttemptTrace[] = [];
  const policy = attemptPolicy({
    retries: input.retries,
    timeoutMs: input.timeoutMs,
    ...input.backoff,
    onRetry: (delayMs) => {
      const last = attempts[attempts.length - 1];
      if (last) last.retryDelayMs = delayMs;
    },
  });

  let outcome: ProbeOutcome;
  try {
    outcome = await policy.execute(async ({ attempt, signal }) => {
      const attemptStart = now();
      const trace: AttemptTrace = { attempt, startedAtMs: attemptStart - startedAt, durationMs: 0, ok: false };
      attempts.push(trace);
      const result = await input.probe.run(input.config, { signal, timeoutMs: input.timeoutMs, now, outbound, redact: input.redact });
      trace.durationMs = result.latencyMs ?? now() - attemptStart;
      trace.ok = result.ok;
      trace.status = result.status;
      trace.headers = result.headers;
      trace.bodyExcerpt = result.bodyExcerpt;
      trace.details = result.details;
      if (!result.ok) {
        trace.errorClass = result.errorClass;
        trace.message = result.message;
        if (result.retryable) throw new RetryableFailure(result);
      }
      return result;
    });
  } catch (err) {
    if (err instanceof RetryableFailure) {
      outcome = err.detail as ProbeOutcome;
    } else if (err instanceof TaskCancelledError) {
      // The policy's own timeout fired before the probe noticed its signal.
      const failure = timeoutFailure(input.timeoutMs);
      const last = attempts[attempts.length - 1];
      if (last) Object.assign(last, { durationMs: input.timeoutMs, ok: false, errorClass: failure.errorClass, message: failure.message });
      outcome = { ok: false, ...failure, latencyMs: input.timeoutMs };
    } else {
      outcome = { ok: false, errorClass: "unknown", message: err instanceof Error ? err.message : String(err), latencyMs: null, retryable: false };
    }
  }

  const finishedAt = now();
  return {
    startedAt,
    finishedAt,
    ok: outcome.ok,
    latencyMs: outcome.latencyMs,
    httpStatus: outcome.status ?? null,
    errorClass: outcome.ok ? null : outcome.errorClass,
    errorMessage: outcome.ok ? null : outcome.message,
    attempts: attempts.length,
    details: outcome.details,
    trace: {
      circuitBefore: input.circuit.state,
      circuitAdmission: admission.allowed ? "allowed" : "forced",
      attempts,
      totalMs: finishedAt - startedAt,
      policy: policySummary,
    },
  };
}

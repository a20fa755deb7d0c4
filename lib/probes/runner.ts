// Runs one probe through the circuit breaker, retry with backoff and per-attempt timeout, and returns the
// result with an attempt-by-attempt trace. Never throws for a probe failure; the caller persists the result.
import { admit, record, type CircuitPolicy, type CircuitSnapshot, type CircuitTransition } from "../domain/circuit";
import { attemptPolicy, RetryableFailure, TaskCancelledError } from "../resilience/attempt-policy";
import { timeoutFailure } from "./shared/failure";
import type { ProbeErrorClass, ProbeOutcome } from "./types";
import type { Probe } from "./types";
import { outboundPolicyFromEnv, type OutboundPolicy } from "../security/outbound";

export interface AttemptTrace {
  attempt: number;
  /** Offset from the start of the run. */
  startedAtMs: number;
  durationMs: number;
  ok: boolean;
  status?: number;
  errorClass?: ProbeErrorClass;
  message?: string;
  headers?: Record<string, string>;
  bodyExcerpt?: string;
  details?: Record<string, unknown>;
  /** Backoff delay waited after this attempt before the next one. */
  retryDelayMs?: number;
}

export interface ProbeTrace {
  circuitBefore: CircuitSnapshot["state"];
  circuitAdmission: "allowed" | "rejected" | "forced";
  attempts: AttemptTrace[];
  totalMs: number;
  policy: { retries: number; timeoutMs: number; breakerThreshold: number; breakerCooldownMs: number; backoffInitialMs?: number; backoffMaxMs?: number };
}

export interface ProbeRunResult {
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: ProbeErrorClass | null;
  errorMessage: string | null;
  attempts: number;
  /** Kind-specific readings of the final attempt. */
  details?: Record<string, unknown>;
  trace: ProbeTrace;
}

export interface RunProbeInput<Config> {
  probe: Probe<Config>;
  config: Config;
  timeoutMs: number;
  retries: number;
  circuit: CircuitSnapshot;
  circuitPolicy: CircuitPolicy;
  /** Which destinations the probe may reach; defaults to TETHER_ALLOW_PRIVATE_TARGETS from the environment. */
  outbound?: OutboundPolicy;
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
      const result = await input.probe.run(input.config, { signal, timeoutMs: input.timeoutMs, now, outbound });
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

/** The circuit after a run: re-applied by the caller on the freshest stored state, under a row lock. */
export function circuitAfter(
  stored: CircuitSnapshot,
  result: ProbeRunResult,
  policy: CircuitPolicy,
): { next: CircuitSnapshot; transitions: CircuitTransition[] } {
  if (result.errorClass === "circuit_open") return { next: stored, transitions: [] };
  const transitions: CircuitTransition[] = [];
  const admitted = admit(stored, policy, result.startedAt);
  let current = stored;
  if (admitted.allowed && admitted.transition) {
    current = admitted.next;
    transitions.push(admitted.transition);
  }
  const step = record(current, result.ok ? "success" : "failure", policy, result.finishedAt);
  if (step.transition) transitions.push(step.transition);
  return { next: step.next, transitions };
}

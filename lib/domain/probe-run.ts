// What one probe run produced, as the runner returns it and the recorder stores it: the outcome, an
// attempt-by-attempt trace, and the circuit step it implies. Pure types and logic; probes, the recorder and the API share them.
import { admit, record, type CircuitPolicy, type CircuitSnapshot, type CircuitTransition } from "./circuit";

export const PROBE_ERROR_CLASSES = [
  "timeout",
  "dns",
  "connect",
  "tls",
  "http_status",
  "assertion",
  /** A GraphQL answer with a non-empty `errors` list (servers answer 200 regardless). */
  "graphql",
  "latency_budget",
  "circuit_open",
  "rate_limited",
  "protocol",
  "auth",
  "auth_token",
  "blocked",
  "config",
  "unknown",
] as const;
export type ProbeErrorClass = (typeof PROBE_ERROR_CLASSES)[number];

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

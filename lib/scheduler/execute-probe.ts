// Loads an integration, runs its probe through the resilience policies and records the result. Shared by
// scheduled runs (worker) and manual "probe now" runs (API), so both produce identical records.
import type { Db } from "../db/client";
import { recordProbeRun, storedCircuit, type RecordRunInput, type RecordRunOutcome, type StoredCircuit } from "../db/probe-runs";
import { nextSlotAfter } from "../domain/schedule";
import type { CircuitPolicy, CircuitSnapshot } from "../domain/circuit";
import { circuitAt } from "../domain/location-circuit";
import { locatedCircuitsOfRows } from "../db/location-circuits";
import { isIntegrationKind, parseStoredConfig, type IntegrationKind } from "../probes/kinds";
import { loadProbe } from "../probes/registry";
import type { Probe } from "../probes/types";
import type { ProbeRunResult } from "../domain/probe-run";
import { runProbe, type RunProbeInput } from "../probes/runner";
import { fillSecrets, MissingSecretError, referencedSecrets, scrubSecrets } from "../secrets/placeholders";
import { loadSecrets } from "../secrets/store";
import type { SecretValue } from "../secrets/secret-value";
import { recordToolVersionOf } from "./tool-versions";

export interface ExecuteOptions {
  trigger: "scheduled" | "manual";
  scheduledFor?: Date | null;
  workerId?: string | null;
  now?: () => number;
  backoff?: RunProbeInput<unknown>["backoff"];
  /** The integration as already read (a worker's claim carries it); loaded here when absent. */
  target?: ProbeTarget;
  /** A claimed slot to move on in the statement that records the run (while this worker holds its lease). */
  claim?: { workerId: string; slot: Date };
  /** The location running it (a worker's TETHER_LOCATION claim); recorded on the run, and its completion moves that location's slot. */
  location?: string | null;
  /** How the run is stored; the worker passes its batching recorder. Records one run by itself by default. */
  record?: (input: RecordRunInput) => Promise<RecordRunOutcome>;
}

export type ExecuteOutcome = { result: ProbeRunResult; record: RecordRunOutcome } | null;

/** What running an integration's probe needs: its settings and its circuit as stored. */
export interface ProbeTarget {
  /** For the worker's telemetry; absent from claims made before it was read. */
  name?: string;
  kind: string;
  config: unknown;
  intervalSeconds: number;
  timeoutMs: number;
  retryAttempts: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  breakerThreshold: number;
  breakerCooldownSeconds: number;
  circuit: StoredCircuit;
  /**
   * The details of the integration's latest run that had any (CircuitState.lastDetails), as claimed: an after-run
   * step's `lastDetail(key)` is answered from it when it holds the key, without a query per run.
   */
  lastDetails?: Record<string, unknown> | null;
}

async function loadTarget(db: Db, integrationId: string): Promise<ProbeTarget | null> {
  const integration = await db.integration.findUnique({ where: { id: integrationId }, include: { circuit: true, locationSlots: true } });
  if (!integration) return null;
  const circuit = storedCircuit(integration.circuit ?? { state: null, consecutiveFailures: null, openedAt: null, version: null });
  const located = locatedCircuitsOfRows(integration.locations, integration.quorum, integration.locationSlots);
  return { ...integration, circuit: located ? { ...circuit, located } : circuit };
}

export async function executeProbe(db: Db, integrationId: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
  const integration = options.target ?? (await loadTarget(db, integrationId));
  if (!integration) return null;
  // A run from one of an integration's listed locations is admitted by that location's own breaker.
  const located = integration.circuit.located;
  const circuit: CircuitSnapshot =
    located && options.location
      ? circuitAt(located, options.location)
      : { state: integration.circuit.state, consecutiveFailures: integration.circuit.consecutiveFailures, openedAt: integration.circuit.openedAt };
  const circuitPolicy: CircuitPolicy = { failureThreshold: integration.breakerThreshold, cooldownMs: integration.breakerCooldownSeconds * 1000 };
  const common = {
    timeoutMs: integration.timeoutMs,
    retries: integration.retryAttempts,
    circuit,
    circuitPolicy,
    force: options.trigger === "manual",
    now: options.now,
    backoff: options.backoff ?? { initialDelayMs: integration.backoffInitialMs, maxDelayMs: integration.backoffMaxMs },
  };
  // Secrets are decrypted only when the config references them, and only for this run.
  const prepared = preparedConfig(integration.config);
  const secrets: Map<string, SecretValue> = prepared.needsSecrets ? await loadSecrets(db, integrationId) : NO_SECRETS;
  let result: ProbeRunResult;
  let probe: Probe<unknown> | undefined;
  try {
    const kind = supportedKind(integration.kind);
    probe = await loadProbe(kind);
    const config = validatedConfig(prepared, kind, integration.config);
    const refusal = probe.gate?.(config, null);
    result = refusal
      ? configFailure(refusal.message, options.now ?? Date.now, common)
      : await runProbe({
          ...common,
          probe,
          config: prepared.needsSecrets ? fillSecrets(config, secrets) : config,
          redact: secrets.size > 0 ? (text) => scrubSecrets(text, secrets) : undefined,
        });
  } catch (err) {
    if (!(err instanceof MissingSecretError || err instanceof UnsupportedKindError)) throw err;
    result = configFailure(err.message, options.now ?? Date.now, common);
  }
  result = scrubSecrets(result, secrets);
  const known = integration.lastDetails;
  if (probe?.afterRun)
    result = await probe.afterRun(result, {
      lastDetail: (key) => (known && Object.hasOwn(known, key) ? Promise.resolve(known[key]) : lastDetail(db, integrationId, key)),
    });
  const claim = options.claim;
  const input: RecordRunInput = {
    integrationId,
    result,
    trigger: options.trigger,
    scheduledFor: options.scheduledFor ?? null,
    workerId: options.workerId ?? null,
    location: options.location ?? null,
    circuitPolicy,
    expected: integration.circuit,
    // The slot after the run's start, not after its recording: a slow write must not skip the next slot.
    complete: claim && {
      workerId: claim.workerId,
      slot: claim.slot,
      nextRunAt: new Date(nextSlotAfter(claim.slot.getTime(), integration.intervalSeconds * 1000, result.startedAt)),
    },
  };
  // The record statement stores the integration's status with the run, batched (the worker's recorder) or not.
  const record = await (options.record ?? ((i: RecordRunInput) => recordProbeRun(db, i)))(input);
  // A run that listed tools may be a new version of them; written only once the run itself is.
  if (record.recorded) await recordToolVersionOf(db, integrationId, result, record.runId);
  return { result, record };
}

const NO_SECRETS: Map<string, SecretValue> = new Map();

/**
 * What a stored config needs before each run, worked out once per config object: whether it references secrets
 * and the config as its kind's schema validates it. A worker's claims hand the same object back for as long as the
 * stored config is unchanged (lib/scheduler/leases.ts), so a run neither re-serializes nor re-validates it. The
 * validated config is shared by those runs: probes treat their config as read-only.
 */
interface PreparedConfig {
  needsSecrets: boolean;
  kind?: IntegrationKind;
  config?: unknown;
}

const preparedByConfig = new WeakMap<object, PreparedConfig>();

function preparedConfig(raw: unknown): PreparedConfig {
  const known = raw !== null && typeof raw === "object" ? preparedByConfig.get(raw) : undefined;
  if (known) return known;
  const entry: PreparedConfig = { needsSecrets: referencedSecrets(JSON.stringify(raw)).length > 0 };
  if (raw !== null && typeof raw === "object") preparedByConfig.set(raw, entry);
  return entry;
}

function validatedConfig(entry: PreparedConfig, kind: IntegrationKind, raw: unknown): unknown {
  if (entry.kind === kind) return entry.config;
  const config = parseStoredConfig(kind, raw);
  entry.kind = kind;
  entry.config = config;
  return config;
}

/** `details[key]` of the integration's latest run that recorded it, for a kind's after-run step. */
async function lastDetail(db: Db, integrationId: string, key: string): Promise<unknown> {
  const previous = await db.$queryRaw<{ value: unknown }[]>`
    SELECT details->(${key}::text) AS value FROM "ProbeRun"
    WHERE "integrationId" = ${integrationId}::uuid AND details ? (${key}::text) ORDER BY "startedAt" DESC LIMIT 1`;
  return previous[0]?.value;
}

class UnsupportedKindError extends Error {}

function supportedKind(kind: string): IntegrationKind {
  if (!isIntegrationKind(kind)) throw new UnsupportedKindError(`This version of Tether cannot probe "${kind}" integrations`);
  return kind;
}

function configFailure(
  message: string,
  now: () => number,
  policy: { timeoutMs: number; retries: number; circuit: CircuitSnapshot; circuitPolicy: CircuitPolicy },
): ProbeRunResult {
  const at = now();
  return {
    startedAt: at,
    finishedAt: at,
    ok: false,
    latencyMs: null,
    httpStatus: null,
    errorClass: "config",
    errorMessage: message,
    attempts: 0,
    trace: {
      circuitBefore: policy.circuit.state,
      circuitAdmission: "allowed",
      attempts: [],
      totalMs: 0,
      policy: {
        retries: policy.retries,
        timeoutMs: policy.timeoutMs,
        breakerThreshold: policy.circuitPolicy.failureThreshold,
        breakerCooldownMs: policy.circuitPolicy.cooldownMs,
      },
    },
  };
}

// Probe now: a person runs an integration's probe outside its schedule; the run is recorded like any other
// (circuit, rollups) and audited, and comes back with its full trace.
import type { Db } from "../db/client";
import { ApiError } from "../api/errors";
import { rateLimits } from "../auth/rate-limits";
import { audit } from "../audit/audit-log";
import { actorOf, SYSTEM_ACTOR as SYSTEM, type Actor } from "../auth/actor";
import { executeProbe } from "../scheduler/execute-probe";
import { findOr404 } from "./crud";
import { toRunView } from "./runs";
import type { ProbeRunView } from "./types";

/** Runs the integration's probe now, records it like any run, and returns it with its full trace. */
export async function probeNow(db: Db, id: string, actor: Actor = SYSTEM): Promise<ProbeRunView> {
  const integration = await findOr404(db, id);
  const outcome = await executeProbe(db, id, { trigger: "manual" });
  if (!outcome || !outcome.record.recorded) throw new ApiError("not_found", "The integration was deleted while it was being probed");
  // By its whole key: the start time names the run's partition, so this reads one day's index, not every day's.
  const run = await db.probeRun.findUniqueOrThrow({ where: { id_startedAt: { id: outcome.record.runId, startedAt: new Date(outcome.result.startedAt) } } });
  await audit(db, actorOf(actor), {
    action: "probe.manual",
    summary: `Probed ${integration.name}: ${run.ok ? "passed" : `failed (${run.errorClass})`}`,
    targetType: "integration",
    targetId: id,
    details: { runId: run.id.toString(), ok: run.ok },
    ip: actor.ip,
  });
  return toRunView(run);
}

/**
 * Probe now on behalf of a person or token (the API's button, the MCP tool): limited per principal, address and
 * integration, so clicking, scripts or agents cannot burn a provider's API quota.
 */
export async function probeNowWithinLimits(db: Db, id: string, actor: Actor): Promise<ProbeRunView> {
  const subject = actor.principal?.userId;
  const limit = await rateLimits().consume("probe", { subject, ip: actor.ip ?? "unknown", target: id });
  if (!limit.ok)
    throw new ApiError("rate_limited", `Too many manual probes; try again in ${limit.retryAfterSeconds} s`, undefined, {
      "retry-after": String(limit.retryAfterSeconds),
    });
  return probeNow(db, id, actor);
}

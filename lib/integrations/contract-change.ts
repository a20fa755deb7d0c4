// The latest contract change an integration's runs recorded (lib/probes/shared/shape/drift.ts, lib/probes/graphql/
// schema-drift.ts), for its page: a change is on one run only, so the latest readings do not hold it for long.
import type { Db } from "../db/client";
import type { ContractChangeView } from "./types";

export async function latestContractChange(db: Pick<Db, "$queryRaw">, integrationId: string): Promise<ContractChangeView | null> {
  const rows = await db.$queryRaw<{ at: Date; shape: ContractChangeView["shape"]; schema: ContractChangeView["schema"] }[]>`
    SELECT "startedAt" AS at, details->'shapeChange' AS shape, details->'schemaChange' AS schema FROM "ProbeRun"
    WHERE "integrationId" = ${integrationId}::uuid AND (details ? 'shapeChange' OR details ? 'schemaChange')
    ORDER BY "startedAt" DESC LIMIT 1`;
  const row = rows[0];
  return row ? { at: row.at.toISOString(), shape: row.shape ?? null, schema: row.schema ?? null } : null;
}

/**
 * A run's details without the check's contract baselines (the response shape, a new schema's SDL): those are what the
 * next run compares with, kilobytes to megabytes, and the changes they lead to are on the details already.
 */
export function withoutBaselines(details: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!details || !("shape" in details || "schemaSdl" in details)) return details;
  const { shape: _shape, schemaSdl: _schemaSdl, ...rest } = details;
  return rest;
}

// An integration's probe runs as the API returns them: newest first, keyset-paged, optionally failures only.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { beforeId, idCursor, keysetPage } from "../db/keyset";
import { findOr404 } from "./crud";
import { withoutBaselines } from "./contract-change";
import type { ProbeRunView, RunsPage } from "./types";

export function toRunView(r: Prisma.ProbeRunGetPayload<object>): ProbeRunView {
  return {
    id: r.id.toString(),
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    latencyMs: r.latencyMs,
    ok: r.ok,
    httpStatus: r.httpStatus,
    errorClass: r.errorClass,
    errorMessage: r.errorMessage,
    attempts: r.attempts,
    circuitState: r.circuitState,
    trigger: r.trigger,
    details: withoutBaselines((r.details as Record<string, unknown> | null) ?? null),
    trace: r.trace as unknown as ProbeRunView["trace"],
  };
}

export async function listRuns(db: Db, id: string, opts: { cursor?: string; limit: number; failedOnly?: boolean }): Promise<RunsPage> {
  await findOr404(db, id);
  const { items, nextCursor } = await keysetPage(
    opts.limit,
    (take) =>
      db.probeRun.findMany({
        where: { integrationId: id, ...(opts.failedOnly ? { ok: false } : {}), ...beforeId(opts.cursor) },
        orderBy: { id: "desc" },
        take,
      }),
    idCursor,
  );
  return { runs: items.map(toRunView), nextCursor };
}

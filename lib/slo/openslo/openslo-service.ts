// OpenSLO export and import against the database: export one or all SLOs as YAML; import a file as a preview
// (what would be created, with warnings) or for real, all of its SLOs in one audited transaction or none.
import { z } from "zod";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ApiError } from "../../api/errors";
import { audit } from "../../audit/audit-log";
import { actorOf, type Actor } from "../../auth/actor";
import { loadSlo } from "../slos";
import type { SloInput } from "../slo";
import { openSloYaml } from "./export";
import { parseOpenSloYaml, type ImportItem, type ImportResult } from "./import";

export const exportQuerySchema = z.object({ id: z.uuid("Give an SLO id").optional().describe("One SLO; absent: every SLO") });

export const importBodySchema = z.object({
  yaml: z.string({ error: "Send the OpenSLO YAML as `yaml`" }).min(1, "The file is empty").max(200_000, "Import at most 200,000 characters at once"),
  dryRun: z.boolean().default(false).describe("true: answer the preview and create nothing"),
});

export interface ImportPreview {
  dryRun: boolean;
  items: (ImportItem & { id?: string })[];
  skipped: ImportResult["skipped"];
}

export async function exportOpenSlo(db: Db, id?: string): Promise<string> {
  const [rows, all] = await Promise.all([
    db.slo.findMany({ where: id ? { id } : {}, orderBy: { name: "asc" } }),
    db.integration.findMany({ select: { id: true, name: true } }),
  ]);
  if (id && rows.length === 0) throw ApiError.notFound("SLO");
  const names = new Map(all.map((i) => [i.id, i.name]));
  const slos: SloInput[] = rows
    .map(loadSlo)
    .flatMap((s) => (s ? [{ name: s.name, scope: s.scope, objectivePct: s.objectivePct, window: s.window, sli: s.sli, slaPct: s.slaPct }] : []));
  return openSloYaml(slos, (i) => names.get(i) ?? i);
}

export async function importOpenSlo(db: Db, raw: unknown, actor: Actor): Promise<ImportPreview> {
  const body = importBodySchema.parse(raw);
  const [integrations, existing] = await Promise.all([
    db.integration.findMany({ select: { id: true, name: true, tags: true } }),
    db.slo.findMany({ select: { name: true } }),
  ]);
  const result = parseOpenSloYaml(body.yaml, integrations);
  if (result.problems.length)
    throw new ApiError(
      "validation_failed",
      `The file has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}; nothing was imported`,
      {
        problems: result.problems,
      },
    );
  const taken = new Set(existing.map((s) => s.name));
  const items = result.items.map((i) =>
    taken.has(i.slo.name) ? { ...i, warnings: [...i.warnings, `An SLO named "${i.slo.name}" exists already: this adds another.`] } : i,
  );
  if (body.dryRun) return { dryRun: true, items, skipped: result.skipped };
  const created = await db.$transaction(async (tx) => {
    const out = [];
    for (const item of items) {
      const row = await tx.slo.create({
        data: { ...item.slo, scope: item.slo.scope as Prisma.InputJsonValue, sli: item.slo.sli as Prisma.InputJsonValue, createdBy: actorOf(actor).label },
      });
      await audit(tx, actorOf(actor), {
        action: "slo.create",
        summary: `Imported SLO ${row.name} from OpenSLO`,
        targetType: "slo",
        targetId: row.id,
        ip: actor.ip,
      });
      out.push({ ...item, id: row.id });
    }
    return out;
  });
  return { dryRun: false, items: created, skipped: result.skipped };
}

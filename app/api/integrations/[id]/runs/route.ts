import { z } from "zod";
import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listRuns } from "@/lib/integrations/runs";

const query = z.object({
  cursor: z.string().regex(/^\d+$/, "cursor must be a run id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  failed: z.enum(["true", "false"]).optional(),
});

export const GET = route<{ id: string }>("viewer", async (req, { params }) => {
  const q = parseQuery(req, query);
  return listRuns(db(), parseId(params.id), { cursor: q.cursor, limit: q.limit, failedOnly: q.failed === "true" });
});

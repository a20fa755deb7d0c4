import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { runsQuery as query } from "@/lib/api/openapi/operations/integrations";
import { listRuns } from "@/lib/integrations/runs";

export const GET = route<{ id: string }>("viewer", async (req, { params }) => {
  const q = parseQuery(req, query);
  return listRuns(db(), parseId(params.id), { cursor: q.cursor, limit: q.limit, failedOnly: q.failed === "true" });
});

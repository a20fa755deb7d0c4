import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { toolVersionsQuery as query } from "@/lib/api/openapi/operations/integrations";
import { listToolVersions } from "@/lib/integrations/tool-versions";

export const GET = route<{ id: string }>("viewer", async (req, { params }) => {
  const q = parseQuery(req, query);
  return listToolVersions(db(), parseId(params.id), q);
});

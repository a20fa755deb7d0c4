import { z } from "zod";
import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listToolVersions } from "@/lib/integrations/tool-versions";

const query = z.object({
  cursor: z.coerce
    .number({ error: "cursor must be a version number" })
    .int("cursor must be a version number")
    .min(1, "cursor must be a version number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const GET = route<{ id: string }>("viewer", async (req, { params }) => {
  const q = parseQuery(req, query);
  return listToolVersions(db(), parseId(params.id), q);
});

import { z } from "zod";
import { parseQuery, route } from "@/lib/api/handler";
import { listAudit } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";

const query = z.object({
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(40).optional(),
  targetId: z.uuid().optional(),
});

export const GET = route("admin", async (req) => listAudit(db(), parseQuery(req, query)));

import { parseQuery, route } from "@/lib/api/handler";
import { listAudit } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { auditQuery as query } from "@/lib/api/openapi/operations/access";

export const GET = route("admin", async (req) => listAudit(db(), parseQuery(req, query)));

import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { acknowledgeIncident } from "@/lib/alerts/incidents/incidents";

export const POST = route<{ id: string }>("editor", async (_req, { params, principal, ip }) =>
  acknowledgeIncident(db(), parseId(params.id, "incident"), { principal, ip }),
);

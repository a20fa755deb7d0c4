import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { getIncident } from "@/lib/alerts/incidents/incidents";

export const GET = route<{ id: string }>("viewer", async (_req, { params }) => getIncident(db(), parseId(params.id, "incident")));

import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { incidentFilterSchema, listIncidents } from "@/lib/alerts/incidents/incidents";

export const GET = route("viewer", async (req) => listIncidents(db(), parseQuery(req, incidentFilterSchema)));

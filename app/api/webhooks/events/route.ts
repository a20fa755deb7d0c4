import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { eventFilterSchema, listEvents } from "@/lib/webhooks/events";

export const GET = route("viewer", async (req) => listEvents(db(), parseQuery(req, eventFilterSchema)));

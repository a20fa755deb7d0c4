import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { getEvent, parseEventId } from "@/lib/webhooks/events";

export const GET = route<{ id: string }>("viewer", async (_req, { params }) => getEvent(db(), parseEventId(params.id)));

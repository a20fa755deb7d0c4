import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { parseEventId, replayEvent } from "@/lib/webhooks/events";

export const POST = route<{ id: string }>("editor", async (_req, { params, principal, ip }) => replayEvent(db(), parseEventId(params.id), { principal, ip }));

import { readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { parseEventId, replayEdited } from "@/lib/webhooks/events";

/** Forwards an edited copy of the event ({ headers, body, bodyEncoding }); the stored event stays as received. */
export const POST = route<{ id: string }>("admin", async (req, { params, principal, ip }) =>
  replayEdited(db(), parseEventId(params.id), await readJson(req, 11 * 1024 * 1024), { principal, ip }),
);

import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { sendTest } from "@/lib/alerts/channels-service";

export const POST = route<{ id: string }>("editor", async (req, { params, principal, ip }) =>
  sendTest(db(), parseId(params.id, "notification channel"), { principal, ip }, { baseUrl: new URL(req.url).origin }),
);

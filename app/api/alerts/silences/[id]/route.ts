import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteSilence } from "@/lib/alerts/silences";

export const DELETE = route<{ id: string }>("editor", async (_req, { params, principal, ip }) =>
  deleteSilence(db(), parseId(params.id, "silence"), { principal, ip }),
);

import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteSource, updateSource } from "@/lib/webhooks/sources";

/** Edits name, integration link, scheme and its settings, relay target, body limit, enabled. */
export const PATCH = route<{ id: string }>("editor", async (req, { params, principal, ip }) =>
  updateSource(db(), parseId(params.id, "webhook source"), await readJson(req), { principal, ip }),
);

/** Deletes the source with every event it received (a disabled source keeps them). */
export const DELETE = route<{ id: string }>("admin", async (_req, { params, principal, ip }) =>
  deleteSource(db(), parseId(params.id, "webhook source"), { principal, ip }),
);

import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteChannel, getChannel, updateChannel } from "@/lib/alerts/channels-service";

export const GET = route<{ id: string }>("viewer", async (_req, { params }) => getChannel(db(), parseId(params.id, "notification channel")));

export const PATCH = route<{ id: string }>("editor", async (req, { params, principal, ip }) =>
  updateChannel(db(), parseId(params.id, "notification channel"), await readJson(req), { principal, ip }),
);

export const DELETE = route<{ id: string }>("editor", async (_req, { params, principal, ip }) =>
  deleteChannel(db(), parseId(params.id, "notification channel"), { principal, ip }),
);

import { created, parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { postStatusIncidentUpdate } from "@/lib/status-pages/incidents";

export const POST = route<{ id: string }>("editor", async (req, { params, principal, ip }) =>
  created(await postStatusIncidentUpdate(db(), parseId(params.id, "status incident"), await readJson(req), { principal, ip })),
);

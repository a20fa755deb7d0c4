import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { editStatusIncidentUpdate } from "@/lib/status-pages/incidents";

type Params = { id: string; updateId: string };

export const PATCH = route<Params>("editor", async (req, { params, principal, ip }) =>
  editStatusIncidentUpdate(db(), parseId(params.id, "status incident"), parseId(params.updateId, "incident update"), await readJson(req), { principal, ip }),
);

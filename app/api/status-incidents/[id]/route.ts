import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { getStatusIncident, updateStatusIncident } from "@/lib/status-pages/incidents";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => getStatusIncident(db(), parseId(params.id, "status incident")));

export const PATCH = route<Params>("editor", async (req, { params, principal, ip }) =>
  updateStatusIncident(db(), parseId(params.id, "status incident"), await readJson(req), { principal, ip }),
);

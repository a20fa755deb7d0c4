import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/integrations/crud";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => getIntegration(db(), parseId(params.id)));

export const PATCH = route<Params>("editor", async (req, { params, principal, ip }) =>
  updateIntegration(db(), parseId(params.id), await readJson(req), { principal, ip }),
);

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) => deleteIntegration(db(), parseId(params.id), { principal, ip }));

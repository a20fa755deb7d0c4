import { handle, parseId, readJson } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/integrations/service";

export const GET = handle<{ id: string }>(async (_req, params) => getIntegration(db(), parseId(params)));

export const PATCH = handle<{ id: string }>(async (req, params) => updateIntegration(db(), parseId(params), await readJson(req)));

export const DELETE = handle<{ id: string }>(async (_req, params) => deleteIntegration(db(), parseId(params)));

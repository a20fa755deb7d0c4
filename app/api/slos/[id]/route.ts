import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteSlo, getSlo, updateSlo } from "@/lib/slo/slos";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => getSlo(db(), parseId(params.id, "SLO")));

export const PATCH = route<Params>("editor", async (req, { params, principal, ip }) =>
  updateSlo(db(), parseId(params.id, "SLO"), await readJson(req), { principal, ip }),
);

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) => deleteSlo(db(), parseId(params.id, "SLO"), { principal, ip }));

import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteSecret, setSecret } from "@/lib/secrets/store";

type Params = { id: string; name: string };

export const PUT = route<Params>("editor", async (req, { params, principal, ip }) =>
  setSecret(db(), parseId(params.id), params.name, await readJson(req, 16 * 1024), { principal, ip }),
);

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) =>
  deleteSecret(db(), parseId(params.id), params.name, { principal, ip }),
);

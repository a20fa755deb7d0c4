import { created, parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createStatusIncident, listStatusIncidents } from "@/lib/status-pages/incidents";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => ({ incidents: await listStatusIncidents(db(), parseId(params.id, "status page")) }));

export const POST = route<Params>("editor", async (req, { params, principal, ip }) =>
  created(await createStatusIncident(db(), parseId(params.id, "status page"), await readJson(req), { principal, ip })),
);

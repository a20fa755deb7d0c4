import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteStatusPage, getStatusPage, updateStatusPage } from "@/lib/status-pages/pages";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => getStatusPage(db(), parseId(params.id, "status page")));

export const PUT = route<Params>("editor", async (req, { params, principal, ip }) =>
  updateStatusPage(db(), parseId(params.id, "status page"), await readJson(req), { principal, ip }),
);

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) =>
  deleteStatusPage(db(), parseId(params.id, "status page"), { principal, ip }),
);

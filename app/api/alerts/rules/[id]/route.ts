import { parseId, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deleteRule, getRule, updateRule } from "@/lib/alerts/rules";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => getRule(db(), parseId(params.id, "alert rule")));

export const PATCH = route<Params>("editor", async (req, { params, principal, ip }) =>
  updateRule(db(), parseId(params.id, "alert rule"), await readJson(req), { principal, ip }),
);

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) => deleteRule(db(), parseId(params.id, "alert rule"), { principal, ip }));

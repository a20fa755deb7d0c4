import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createRule, listRules } from "@/lib/alerts/rules";

export const GET = route("viewer", async () => listRules(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createRule(db(), await readJson(req), { principal, ip })));

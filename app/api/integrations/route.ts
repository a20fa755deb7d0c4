import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createIntegration, listIntegrations } from "@/lib/integrations/crud";

export const GET = route("viewer", async () => listIntegrations(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createIntegration(db(), await readJson(req), { principal, ip })));

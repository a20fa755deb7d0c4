import { handle, readJson } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createIntegration, listIntegrations } from "@/lib/integrations/service";

export const GET = handle(async () => listIntegrations(db()));

export const POST = handle(async (req) => Response.json(await createIntegration(db(), await readJson(req)), { status: 201 }));

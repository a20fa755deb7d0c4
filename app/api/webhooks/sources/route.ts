import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createSource, listSources } from "@/lib/webhooks/sources";

export const GET = route("viewer", async () => listSources(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createSource(db(), await readJson(req), { principal, ip })));

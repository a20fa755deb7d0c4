import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createSlo, listSlos } from "@/lib/slo/slos";

export const GET = route("viewer", async () => listSlos(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createSlo(db(), await readJson(req), { principal, ip })));

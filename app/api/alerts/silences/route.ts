import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createSilence, listSilences } from "@/lib/alerts/silences";

export const GET = route("viewer", async () => listSilences(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createSilence(db(), await readJson(req), { principal, ip })));

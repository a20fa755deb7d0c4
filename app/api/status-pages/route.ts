import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createStatusPage, listStatusPages } from "@/lib/status-pages/pages";

export const GET = route("viewer", async () => ({ statusPages: await listStatusPages(db()) }));

export const POST = route("editor", async (req, { principal, ip }) => created(await createStatusPage(db(), await readJson(req), { principal, ip })));

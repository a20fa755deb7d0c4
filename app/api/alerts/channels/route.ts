import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { createChannel, listChannels } from "@/lib/alerts/channels-service";

export const GET = route("viewer", async () => listChannels(db()));

export const POST = route("editor", async (req, { principal, ip }) => created(await createChannel(db(), await readJson(req), { principal, ip })));

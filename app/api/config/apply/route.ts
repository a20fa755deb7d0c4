import { readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { applyConfig } from "@/lib/config-file/apply";

export const POST = route("editor", async (req, { principal, ip }) => applyConfig(db(), await readJson(req, 4 * 1024 * 1024), { principal, ip }));

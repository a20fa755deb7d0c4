import { created, readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { importMcpServers } from "@/lib/mcp/import/import-service";

export const POST = route("editor", async (req, { principal, ip }) =>
  created(await importMcpServers(db(), await readJson(req, 4 * 1024 * 1024), { principal, ip })),
);

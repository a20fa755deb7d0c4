import { readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { previewMcpImport } from "@/lib/mcp/import/import-service";

/** Reads pasted or uploaded MCP client configs and shows what an import would create; writes nothing. */
export const POST = route("editor", async (req, { principal, ip }) => previewMcpImport(db(), await readJson(req, 4 * 1024 * 1024), { principal, ip }));

import { declarePolicy } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { handleMcpRequest, mcpAllowedOrigins } from "@/lib/mcp/server";

// Tether's own MCP server (lib/mcp/server): any signed-in role may connect; each tool enforces its own role.
const serve = declarePolicy("viewer", (req: Request) => handleMcpRequest(req, { db: db(), secret: authSecret(), allowedOrigins: mcpAllowedOrigins() }));

export const POST = serve;
export const GET = serve;
export const DELETE = serve;

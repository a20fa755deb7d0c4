import { created, readJson, route } from "@/lib/api/handler";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

export const GET = route("viewer", async (_req, { principal }) => listTokens(db(), principal));

/** The token itself is in this response and nowhere else, ever. */
export const POST = route("viewer", async (req, { principal, ip }) => created(await createToken(db(), principal, await readJson(req), ip)));

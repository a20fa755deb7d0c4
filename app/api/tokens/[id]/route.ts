import { parseId, route } from "@/lib/api/handler";
import { revokeToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

export const DELETE = route<{ id: string }>("viewer", async (_req, { params, principal, ip }) => revokeToken(db(), principal, parseId(params.id, "token"), ip));

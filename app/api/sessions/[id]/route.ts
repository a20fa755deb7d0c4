import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { endOwnSession } from "@/lib/auth/sessions";

export const DELETE = route<{ id: string }>("viewer", async (_req, { params, principal, ip }) =>
  endOwnSession(db(), principal, parseId(params.id, "session"), ip),
);

import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { endUserSessions, listUserSessions } from "@/lib/auth/sessions";

export const GET = route<{ id: string }>("admin", async (_req, { params }) => listUserSessions(db(), parseId(params.id, "user")));

/** Ends every session of the user: they are signed out everywhere at their next request. */
export const DELETE = route<{ id: string }>("admin", async (_req, { params, principal, ip }) =>
  endUserSessions(db(), principal, parseId(params.id, "user"), ip),
);

import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listOwnSessions, signOutEverywhere } from "@/lib/auth/sessions";

/** The caller's own signed-in browsers, this one marked `current`. */
export const GET = route("viewer", async (_req, { principal }) => listOwnSessions(db(), principal));

/** Sign out everywhere: every session of the caller ends, this one included. */
export const DELETE = route("viewer", async (_req, { principal, ip }) => signOutEverywhere(db(), principal, ip));

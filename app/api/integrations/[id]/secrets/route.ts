import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listSecrets } from "@/lib/secrets/store";

/** Names and dates only: a secret's value is never returned by any route. */
export const GET = route<{ id: string }>("viewer", async (_req, { params }) => listSecrets(db(), parseId(params.id)));

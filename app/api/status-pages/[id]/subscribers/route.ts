import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listSubscribers } from "@/lib/status-pages/subscriptions/subscribers";

export const GET = route<{ id: string }>("viewer", async (_req, { params }) => listSubscribers(db(), parseId(params.id, "status page")));

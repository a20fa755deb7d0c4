import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { integrationTimeline, timelineQuerySchema } from "@/lib/alerts/timeline";

export const GET = route<{ id: string }>("viewer", async (req, { params }) =>
  integrationTimeline(db(), parseId(params.id), parseQuery(req, timelineQuerySchema)),
);

import { readJson, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { bulkReplay, eventFilterSchema } from "@/lib/webhooks/events";

/** Queues the failed and dead-lettered events matching the filter (at most 1,000) for the worker fleet. */
export const POST = route("editor", async (req, { principal, ip }) => bulkReplay(db(), eventFilterSchema.parse(await readJson(req)), { principal, ip }));

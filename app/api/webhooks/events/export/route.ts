import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { eventFilterSchema, exportEvents } from "@/lib/webhooks/events";

/** The filtered events (at most 5,000) with headers and bodies, as a JSON download. */
export const GET = route("viewer", async (req) => {
  const events = await exportEvents(db(), parseQuery(req, eventFilterSchema));
  return new Response(JSON.stringify(events, null, 2), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="webhook-events-${new Date().toISOString().slice(0, 19)}.json"`,
      "cache-control": "no-store",
    },
  });
});

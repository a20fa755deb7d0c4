import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { keptHeaders } from "@/lib/webhooks/ingest";
import { readRequestBody, receiveWebhook } from "@/lib/webhooks/receive";

/** Inbound webhooks (lib/webhooks/receive.ts). `npm start` answers this address before Next (lib/http/webhook-fast-path.ts). */
export const POST = route<{ source: string }>("public", async (req, { params }) => {
  const query = new URL(req.url).search.slice(1);
  const reply = await receiveWebhook(db(), params.source, { headers: keptHeaders(req.headers), query, readBody: (max) => readRequestBody(req, max) });
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
});

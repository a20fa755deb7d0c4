// One inbound delivery, from address to answer: find the source, refuse what must be refused (404, 410, 413),
// verify and commit (ingest.ts), and turn any failure into the API's one error shape (503 when the database is
// down). Both ways in call this, so they cannot drift: the Next route (app/api/webhooks/in/[source]/route.ts, for
// `next dev` and `next start`) and the node:http fast path of `npm start` (lib/http/webhook-fast-path.ts).
import { ApiError, toErrorResponse } from "../api/errors";
import type { Db } from "../db/client";
import { createLogger } from "../observability/logger";
import { findSource, ingestWebhook } from "./ingest";

const log = createLogger("webhooks");

export interface Delivery {
  /** The headers kept with the event, names in lower case (ingest.ts keptHeaders). */
  headers: Record<string, string>;
  /** The query string as received, without `?` ("" when none): some schemes sign it (Twilio). */
  query: string;
  /** Reads the whole body, throwing `bodyTooLarge(max)` as soon as it passes `max` bytes. */
  readBody(max: number): Promise<Buffer>;
}

export interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Sent with every answer: a webhook answer is never cached, and never sniffed into something else. */
const REPLY_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

export function bodyTooLarge(max: number): ApiError {
  return new ApiError("payload_too_large", `The body is larger than this source's limit of ${max} bytes`);
}

export async function receiveWebhook(db: Db, slug: string, delivery: Delivery, now = Date.now()): Promise<Reply> {
  try {
    const source = await findSource(db, slug, now);
    if (!source) throw new ApiError("not_found", "No webhook source at this address");
    // 410, not 404: the address is right and was switched off on purpose, which the sender's logs should say.
    if (!source.enabled) throw new ApiError("gone", "This webhook source is disabled");
    const declared = delivery.headers["content-length"];
    if (declared !== undefined && Number(declared) > source.maxBodyBytes) throw bodyTooLarge(source.maxBodyBytes);
    const rawBody = await delivery.readBody(source.maxBodyBytes);
    const outcome = await ingestWebhook(db, source, { rawBody, headers: delivery.headers, query: delivery.query }, now);
    return { status: outcome.status, body: outcome.body, headers: REPLY_HEADERS };
  } catch (err) {
    const { status, body, headers } = toErrorResponse(err);
    if (status >= 500) log.error(`POST /api/webhooks/in/${slug} failed`, { error: err instanceof Error ? err.message : String(err) });
    return { status, body, headers: { ...REPLY_HEADERS, ...headers } };
  }
}

/** A Fetch API body, read up to `max` bytes. A declared length is enforced by the HTTP parser, so it is read in one go. */
export async function readRequestBody(req: Request, max: number): Promise<Buffer> {
  if (req.headers.get("content-length") !== null) return Buffer.from(await req.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) throw bodyTooLarge(max);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

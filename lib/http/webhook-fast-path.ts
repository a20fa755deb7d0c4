// `POST /api/webhooks/in/<slug>` answered straight from node:http, before Next: its router costs about 1.8 ms of
// CPU per request even for an empty route, which on two cores caps the receiver far below its target. Only the
// transport lives here; what to answer is decided by lib/webhooks/receive.ts, which the Next route calls too.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db/client";
import { keptHeaders } from "../webhooks/ingest";
import { bodyTooLarge, receiveWebhook } from "../webhooks/receive";

const PREFIX = "/api/webhooks/in/";

/** The slug when this request is a delivery the fast path answers, else null (Next answers it, 405 included). */
export function webhookSlug(req: IncomingMessage): string | null {
  if (req.method !== "POST" || !req.url?.startsWith(PREFIX)) return null;
  const end = req.url.indexOf("?");
  const raw = req.url.slice(PREFIX.length, end === -1 ? undefined : end);
  if (!raw || raw.includes("/")) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** node's header object as Fetch API headers: repeated headers joined with ", " as `Headers` does. */
function fetchHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** The body, up to `max` bytes. Past that it stops reading (the reply closes the connection), without buffering more. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > max) {
        req.off("data", onData);
        req.pause();
        reject(bodyTooLarge(max));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** A small body left unread (404, 410) is discarded by node after the answer, keeping the connection; a large or
 *  unknown one, or one cut off past the limit (413), is not worth reading, so the connection closes instead. */
const DISCARD_MAX_BYTES = 64 * 1024;
function mustClose(req: IncomingMessage, status: number): boolean {
  if (req.readableEnded) return false;
  const declared = Number(req.headers["content-length"] ?? NaN);
  return status === 413 || !(declared <= DISCARD_MAX_BYTES);
}

export async function answerWebhook(db: Db, slug: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const queryStart = req.url?.indexOf("?") ?? -1;
  const query = queryStart === -1 ? "" : req.url!.slice(queryStart + 1);
  const reply = await receiveWebhook(db, slug, { headers: keptHeaders(fetchHeaders(req)), query, readBody: (max) => readBody(req, max) });
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    ...(mustClose(req, reply.status) ? { connection: "close" } : {}),
  });
  res.end(json);
}

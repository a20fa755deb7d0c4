import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { findSource, ingestWebhook, keptHeaders } from "@/lib/webhooks/ingest";

/** Reads the body, refusing (413) past the source's limit without buffering more than the limit. */
async function readLimited(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () => new ApiError(413, "payload_too_large", `The body is larger than this source's limit of ${max} bytes`);
  if (declared > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** Inbound webhooks: verified by the source's scheme, committed before the 2xx (lib/webhooks/ingest.ts). */
export const POST = route<{ source: string }>("public", async (req, { params }) => {
  const source = await findSource(db(), params.source);
  if (!source) throw new ApiError(404, "not_found", "No webhook source at this address");
  const rawBody = await readLimited(req, source.maxBodyBytes);
  const outcome = await ingestWebhook(db(), source, { rawBody, headers: keptHeaders(req.headers) });
  return Response.json(outcome.body, { status: outcome.status });
});

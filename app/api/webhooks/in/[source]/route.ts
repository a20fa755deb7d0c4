import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { findSource, ingestWebhook, keptHeaders } from "@/lib/webhooks/ingest";

/** Reads the body, refusing (413) past the source's limit without buffering more than the limit. */
async function readLimited(req: Request, max: number): Promise<Buffer> {
  const declared = req.headers.get("content-length");
  const tooLarge = () => new ApiError(413, "payload_too_large", `The body is larger than this source's limit of ${max} bytes`);
  if (declared !== null && Number(declared) > max) throw tooLarge();
  // A declared length is enforced by the HTTP parser, so such a body can be read in one go.
  if (declared !== null) return Buffer.from(await req.arrayBuffer());
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
  // 410, not 404: the address is right and was switched off on purpose, which the sender's logs should say.
  if (!source.enabled) throw new ApiError(410, "gone", "This webhook source is disabled");
  const rawBody = await readLimited(req, source.maxBodyBytes);
  const outcome = await ingestWebhook(db(), source, { rawBody, headers: keptHeaders(req.headers) });
  return Response.json(outcome.body, { status: outcome.status });
});

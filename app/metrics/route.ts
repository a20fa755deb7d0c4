// Prometheus scrape endpoint: a token with the metrics scope, or TETHER_METRICS_PUBLIC=true. Serves the worker's
// stored render (lib/metrics/exposition-cache.ts), gzipped as stored when the client accepts it.
import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { EXPOSITION_CONTENT_TYPE } from "@/lib/metrics/exposition";
import { acceptsGzip, servedExposition } from "@/lib/metrics/exposition-cache";
import { gunzipSync } from "node:zlib";

export const dynamic = "force-dynamic";

export const GET = route("metrics", async (req) => {
  const e = await servedExposition(db());
  const gzipped = acceptsGzip(req.headers.get("accept-encoding"));
  const headers: Record<string, string> = {
    "content-type": EXPOSITION_CONTENT_TYPE,
    "cache-control": "no-store",
    vary: "accept-encoding",
    "x-tether-rendered-at": e.renderedAt.toISOString(),
  };
  if (gzipped) headers["content-encoding"] = "gzip";
  return new Response(new Uint8Array(gzipped ? e.gzip : gunzipSync(e.gzip)), { headers });
});

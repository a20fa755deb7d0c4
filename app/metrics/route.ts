// Prometheus scrape endpoint: a token with the metrics scope, or TETHER_METRICS_PUBLIC=true. Serves the worker's
// stored render (lib/metrics/exposition-cache.ts), gzipped as stored when the client accepts it.
import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { expositionResponse, servedExposition } from "@/lib/metrics/exposition-cache";

export const dynamic = "force-dynamic";

export const GET = route("metrics", async (req) => expositionResponse(await servedExposition(db()), req.headers.get("accept-encoding")));

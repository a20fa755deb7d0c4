// Prometheus scrape endpoint: a token with the metrics scope, or TETHER_METRICS_PUBLIC=true.
import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { EXPOSITION_CONTENT_TYPE } from "@/lib/metrics/exposition";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = route(
  "metrics",
  async () => new Response(await scrapeMetrics(db()), { headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } }),
);

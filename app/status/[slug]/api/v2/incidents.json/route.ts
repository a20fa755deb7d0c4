import { route } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { requireStatusView } from "@/lib/status-pages/serve";
import { statuspageIncidents } from "@/lib/status-pages/statuspage-format";

export const GET = route<{ slug: string }>("public", async (req, { params, principal }) => {
  const view = await requireStatusView(db(), params.slug, { cookie: req.headers.get("cookie"), signedIn: principal !== null }, authSecret());
  return statuspageIncidents(view, new URL(`/status/${params.slug}`, req.url).toString());
});

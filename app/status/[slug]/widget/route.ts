import { route } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { serveSnapshotAsset } from "@/lib/status-pages/snapshot/serve-asset";

export const GET = route<{ slug: string }>("public", async (req, { params, principal }) =>
  serveSnapshotAsset(
    db(),
    params.slug,
    { kind: "widget" },
    { cookie: req.headers.get("cookie"), signedIn: principal !== null, acceptEncoding: req.headers.get("accept-encoding") },
    authSecret(),
  ),
);

import { route } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { handleFeed } from "@/lib/status-pages/subscriptions/requests";

export const GET = route<{ slug: string }>("public", async (req, { params, principal }) =>
  handleFeed(db(), req, { slug: params.slug, signedIn: principal !== null, secret: authSecret() }, "atom"),
);

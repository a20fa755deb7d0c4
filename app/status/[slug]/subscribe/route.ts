import { route } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { rateLimits } from "@/lib/auth/rate-limits";
import { db } from "@/lib/db/client";
import { handleSubscribe } from "@/lib/status-pages/subscriptions/requests";

export const POST = route<{ slug: string }>("public", async (req, { params, principal, ip }) =>
  handleSubscribe(db(), rateLimits(), req, { slug: params.slug, ip, signedIn: principal !== null, secret: authSecret() }),
);

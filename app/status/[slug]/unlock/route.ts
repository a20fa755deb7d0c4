import { route } from "@/lib/api/handler";
import { authSecret } from "@/lib/auth/secret";
import { rateLimits } from "@/lib/auth/rate-limits";
import { db } from "@/lib/db/client";
import { unlockStatusPage } from "@/lib/status-pages/unlock";

export const POST = route<{ slug: string }>("public", async (req, { params, ip }) => {
  const form = await req.formData().catch(() => null);
  const password = form?.get("password");
  return unlockStatusPage(db(), rateLimits(), params.slug, typeof password === "string" ? password : "", {
    ip,
    secret: authSecret(),
    secure: new URL(req.url).protocol === "https:",
  });
});

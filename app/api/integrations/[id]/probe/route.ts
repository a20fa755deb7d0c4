import { ApiError } from "@/lib/api/errors";
import { created, parseId, route } from "@/lib/api/handler";
import { rateLimits } from "@/lib/auth/rate-limits";
import { db } from "@/lib/db/client";
import { probeNow } from "@/lib/integrations/probe-now";

export const POST = route<{ id: string }>("editor", async (_req, { params, principal, ip }) => {
  const id = parseId(params.id);
  // Per person and address, and per integration: clicking cannot burn a provider's API quota.
  const limit = await rateLimits().consume("probe", { subject: principal.userId, ip, target: id });
  if (!limit.ok)
    throw new ApiError("rate_limited", `Too many manual probes; try again in ${limit.retryAfterSeconds} s`, undefined, {
      "retry-after": String(limit.retryAfterSeconds),
    });
  return created(await probeNow(db(), id, { principal, ip }));
});

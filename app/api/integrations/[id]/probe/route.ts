import { created, parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { probeNowWithinLimits } from "@/lib/integrations/probe-now";

export const POST = route<{ id: string }>("editor", async (_req, { params, principal, ip }) =>
  created(await probeNowWithinLimits(db(), parseId(params.id), { principal, ip })),
);

import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { parseDeliveryId, replayDelivery } from "@/lib/alerts/deliveries/explorer";

export const POST = route<{ id: string }>("editor", async (_req, { params, principal, ip }) =>
  replayDelivery(db(), parseDeliveryId(params.id), { principal, ip }),
);

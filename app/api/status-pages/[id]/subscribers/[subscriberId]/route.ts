import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { removeSubscriber } from "@/lib/status-pages/subscriptions/subscribers";

type Params = { id: string; subscriberId: string };

export const DELETE = route<Params>("editor", async (_req, { params, principal, ip }) =>
  removeSubscriber(db(), parseId(params.id, "status page"), parseId(params.subscriberId, "subscriber"), { principal, ip }),
);

import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { getDelivery, parseDeliveryId } from "@/lib/alerts/deliveries/explorer";

export const GET = route<{ id: string }>("viewer", async (_req, { params }) => getDelivery(db(), parseDeliveryId(params.id)));

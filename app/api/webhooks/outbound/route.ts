import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { deliveryFilterSchema, listDeliveries } from "@/lib/alerts/deliveries/explorer";

export const GET = route("viewer", async (req) => listDeliveries(db(), parseQuery(req, deliveryFilterSchema)));

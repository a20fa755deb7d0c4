import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { progressQuery as query } from "@/lib/api/openapi/operations/webhooks";
import { replayProgress } from "@/lib/webhooks/events";

export const GET = route("viewer", async (req) => replayProgress(db(), parseQuery(req, query).ids.split(",").map(BigInt)));

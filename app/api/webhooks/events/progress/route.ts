import { z } from "zod";
import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { replayProgress } from "@/lib/webhooks/events";

const query = z.object({ ids: z.string().regex(/^\d+(,\d+){0,999}$/, "ids: comma-separated event ids") });

export const GET = route("viewer", async (req) => replayProgress(db(), parseQuery(req, query).ids.split(",").map(BigInt)));

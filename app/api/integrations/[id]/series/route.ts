import { z } from "zod";
import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { getSeries } from "@/lib/integrations/series";
import { SERIES_WINDOWS } from "@/lib/integrations/types";

const query = z.object({ window: z.enum(SERIES_WINDOWS).default("24h") });

export const GET = route<{ id: string }>("viewer", async (req, { params }) => getSeries(db(), parseId(params.id), parseQuery(req, query).window));

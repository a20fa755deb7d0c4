import { parseId, parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { seriesQuery as query } from "@/lib/api/openapi/operations/integrations";
import { getSeries } from "@/lib/integrations/series";

export const GET = route<{ id: string }>("viewer", async (req, { params }) => getSeries(db(), parseId(params.id), parseQuery(req, query).window));

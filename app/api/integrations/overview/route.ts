import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { listOverview } from "@/lib/integrations/overview";
import { parseOverviewQuery } from "@/lib/integrations/overview-query";

export const GET = route("viewer", async (req) => listOverview(db(), parseOverviewQuery(Object.fromEntries(new URL(req.url).searchParams))));

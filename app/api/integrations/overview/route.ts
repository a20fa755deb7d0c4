import { route } from "@/lib/api/handler";
import { readDb } from "@/lib/db/client";
import { listOverview } from "@/lib/integrations/overview";
import { parseOverviewQuery } from "@/lib/integrations/overview-query-schema";

export const GET = route("viewer", async (req) => listOverview(readDb(), parseOverviewQuery(Object.fromEntries(new URL(req.url).searchParams))));

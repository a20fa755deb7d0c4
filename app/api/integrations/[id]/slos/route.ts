import { parseId, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { slosForIntegration } from "@/lib/slo/slos";

type Params = { id: string };

export const GET = route<Params>("viewer", async (_req, { params }) => slosForIntegration(db(), parseId(params.id, "integration")));

import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { monthlyReport, reportMonth, reportQuerySchema } from "@/lib/slo/report/report-service";

export const GET = route("viewer", async (req) => {
  const now = Date.now();
  return monthlyReport(db(), reportMonth(parseQuery(req, reportQuerySchema).month, now), now);
});

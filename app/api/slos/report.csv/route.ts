import { parseQuery, route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { reportCsv, reportCsvFilename } from "@/lib/slo/report/report-csv";
import { monthlyReport, reportMonth, reportQuerySchema } from "@/lib/slo/report/report-service";

export const GET = route("viewer", async (req) => {
  const now = Date.now();
  const report = await monthlyReport(db(), reportMonth(parseQuery(req, reportQuerySchema).month, now), now);
  return new Response(reportCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${reportCsvFilename(report.month)}"`,
      "cache-control": "no-store",
    },
  });
});

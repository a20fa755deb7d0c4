import type { Metadata } from "next";
import { SloReportView } from "@/components/slos/slo-report";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { sloQueries } from "@/lib/queries/slos";
import { Prefetch } from "@/lib/queries/prefetch";
import { monthlyReport, pageMonth } from "@/lib/slo/report/report-service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SLO report" };

export default async function SloReportPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  if (!(await requirePage("viewer", "/slos/report"))) return <Forbidden role="viewer" />;
  const asked = (await searchParams).month;
  // A malformed ?month= falls back to the default month, and the page says which month it shows.
  const { month, defaultMonth, invalid } = pageMonth(asked);
  return (
    <Prefetch query={sloQueries.report(month)} load={() => monthlyReport(db(), month)}>
      <SloReportView month={month} defaultMonth={defaultMonth} invalid={invalid} />
    </Prefetch>
  );
}

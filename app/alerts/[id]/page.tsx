import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { RuleEdit } from "@/components/alerts/rule-edit";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { getRule } from "@/lib/alerts/rules";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert rule" };

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/alerts/${id}`))) return <Forbidden role="viewer" />;
  const qc = new QueryClient();
  // A missing rule or a failed prefetch is left to the client, which shows its own not-found and error states.
  if (/^[0-9a-f-]{36}$/i.test(id)) await qc.prefetchQuery({ ...alertQueries.rule(id), queryFn: () => getRule(db(), id) });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <RuleEdit id={id} />
    </HydrationBoundary>
  );
}

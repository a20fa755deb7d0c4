import type { Metadata } from "next";
import { RuleEdit } from "@/components/alerts/rule-edit";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { getRule } from "@/lib/alerts/rules";
import { db } from "@/lib/db/client";
import { alertQueries } from "@/lib/queries/alerts";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert rule" };

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/alerts/${id}`))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={alertQueries.rule(id)} load={() => getRule(db(), id)} when={mayExist(id)}>
      <RuleEdit id={id} />
    </Prefetch>
  );
}

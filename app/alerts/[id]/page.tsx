import type { Metadata } from "next";
import { RuleEdit } from "@/components/alerts/rule-edit";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert rule" };

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/alerts/${id}`))) return <Forbidden role="viewer" />;
  return <RuleEdit id={id} />;
}

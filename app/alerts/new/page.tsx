import type { Metadata } from "next";
import { RuleEditor } from "@/components/alerts/rule-editor";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New alert rule" };

export default async function NewRulePage() {
  if (!(await requirePage("editor", "/alerts/new"))) return <Forbidden role="editor" />;
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/alerts">Alert rules</BackLink>
        <PageHeader title="New alert rule" description="The backtest replays it over stored data as you edit." />
      </div>
      <RuleEditor />
    </div>
  );
}

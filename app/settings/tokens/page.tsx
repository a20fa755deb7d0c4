import type { Metadata } from "next";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  if (!(await requirePage("viewer", "/settings/tokens"))) return <Forbidden role="viewer" />;
  return (
    <div className="grid gap-4">
      <PageHeader title="API tokens" description="For scripts and CI. A token acts with its own role, never more than its owner's." />
      <TokensPanel />
    </div>
  );
}

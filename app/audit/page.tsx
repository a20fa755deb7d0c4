import type { Metadata } from "next";
import { AuditLog } from "@/components/settings/audit-log";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  if (!(await requirePage("admin", "/audit"))) return <Forbidden role="admin" />;
  return (
    <div className="grid gap-4">
      <PageHeader title="Audit log" description="Who changed what, who ran which manual probe, and every sign-in." />
      <AuditLog />
    </div>
  );
}

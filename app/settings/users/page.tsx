import type { Metadata } from "next";
import { UsersPanel } from "@/components/settings/users-panel";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  if (!(await requirePage("admin", "/settings/users"))) return <Forbidden role="admin" />;
  return (
    <div className="grid gap-4">
      <PageHeader title="Users" description="Viewers read; editors change integrations and run probes; admins also manage users and tokens." />
      <UsersPanel />
    </div>
  );
}

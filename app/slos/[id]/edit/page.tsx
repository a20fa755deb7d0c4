import type { Metadata } from "next";
import { SloEdit } from "@/components/slos/slo-edit";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { sloQueries } from "@/lib/queries/slos";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";
import { getSlo } from "@/lib/slo/slos";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit SLO" };

export default async function EditSloPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("editor", `/slos/${id}/edit`))) return <Forbidden role="editor" />;
  return (
    <Prefetch query={sloQueries.detail(id)} load={() => getSlo(db(), id)} when={mayExist(id)}>
      <SloEdit id={id} />
    </Prefetch>
  );
}

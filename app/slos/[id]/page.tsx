import type { Metadata } from "next";
import { SloDetail } from "@/components/slos/slo-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { sloQueries } from "@/lib/queries/slos";
import { mayExist, Prefetch } from "@/lib/queries/prefetch";
import { getSlo } from "@/lib/slo/slos";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SLO" };

export default async function SloPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/slos/${id}`))) return <Forbidden role="viewer" />;
  return (
    <Prefetch query={sloQueries.detail(id)} load={() => getSlo(db(), id)} when={mayExist(id)}>
      <SloDetail id={id} />
    </Prefetch>
  );
}

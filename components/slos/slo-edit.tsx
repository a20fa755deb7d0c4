"use client";
import { useQuery } from "@tanstack/react-query";
import { sloQueries } from "@/lib/queries/slos";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { SloForm } from "./slo-form";

/** The create form, filled from the stored SLO; saving sends a PATCH. */
export function SloEdit({ id }: { id: string }) {
  const slo = useQuery(sloQueries.detail(id));
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href={`/slos/${id}`}>{slo.data?.name ?? "SLO"}</BackLink>
        <PageHeader title="Edit SLO" description="Figures are recomputed from the stored rollups, so a change shows at once over the whole window." />
      </div>
      {slo.isPending ? (
        <Skeleton className="h-96 max-w-2xl" aria-busy="true" />
      ) : slo.error || !slo.data ? (
        <ErrorState title="Could not load the SLO" message={slo.error?.message} onRetry={() => slo.refetch()} />
      ) : (
        <SloForm
          sloId={id}
          initial={{
            name: slo.data.name,
            scope: slo.data.scope,
            objectivePct: slo.data.objectivePct,
            window: slo.data.window,
            sli: slo.data.sli,
            slaPct: slo.data.slaPct,
          }}
        />
      )}
    </div>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { sloQueries } from "@/lib/queries/slos";
import { formatBurn, formatRatioPct } from "@/lib/slo/budget-chart";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { SloStatusBadge } from "./slo-badges";

/** The SLOs covering one integration, on its page; nothing at all when none does. */
export function SloCard({ integrationId }: { integrationId: string }) {
  const slos = useQuery(sloQueries.forIntegration(integrationId));
  if (slos.data?.length === 0) return null;
  return (
    <Card data-testid="slo-card">
      <CardHeader>
        <CardTitle>SLOs</CardTitle>
      </CardHeader>
      <CardBody className="grid gap-3">
        {slos.isPending ? (
          <Skeleton className="h-10" />
        ) : slos.error || !slos.data ? (
          <ErrorState title="Could not load SLOs" message={slos.error?.message} onRetry={() => slos.refetch()} />
        ) : (
          slos.data.map((s) => (
            <div key={s.id} className="grid gap-0.5 text-sm">
              <div className="flex items-center justify-between gap-2">
                <Link href={`/slos/${s.id}`} className="font-medium hover:underline">
                  {s.name}
                </Link>
                <SloStatusBadge status={s.status} />
              </div>
              <div className="tabular text-xs text-muted-foreground">
                {s.objectivePct}% · budget left {formatRatioPct(s.budgetRemaining)} · burn 1 h {formatBurn(s.burnRates.h1)}
              </div>
            </div>
          ))
        )}
      </CardBody>
    </Card>
  );
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { IncidentCard } from "@/components/status-pages/public/incident-card";
import { StatusPageFrame } from "@/components/status-pages/public/page-frame";
import { StatusPasswordForm } from "@/components/status-pages/public/password-form";
import { currentPrincipal } from "@/lib/auth/page";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { monthBounds, monthOf, shiftMonth } from "@/lib/status-pages/incident-rules";
import { serveStatusHistory } from "@/lib/status-pages/serve";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident history" };

export default async function PublicStatusHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ month?: string }>;
}) {
  const [{ slug }, { month }, h, principal] = await Promise.all([params, searchParams, headers(), currentPrincipal()]);
  const served = await serveStatusHistory(db(), slug, month, { cookie: h.get("cookie"), signedIn: principal !== null }, authSecret());
  if (served.kind === "not_found") notFound();
  if (served.kind === "needs_sign_in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/status/${slug}/history`)}`);
  if (served.kind === "needs_password") return <StatusPasswordForm slug={slug} />;
  const names = new Map(served.header.components.map((c) => [c.id, c.name] as const));
  const label = (m: string) => monthBounds(m)!.from.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  const older = shiftMonth(served.month, -1);
  const newer = shiftMonth(served.month, 1);
  const hasNewer = newer <= monthOf(new Date());
  return (
    <StatusPageFrame header={served.header}>
      <div className="grid gap-4">
        <nav aria-label="Months" className="flex items-center justify-between gap-3">
          <a href={`/status/${slug}/history?month=${older}`} className="text-sm text-muted-foreground hover:underline" rel="prev">
            ← {label(older)}
          </a>
          <h1 className="text-base font-semibold">Incidents in {label(served.month)}</h1>
          {hasNewer ? (
            <a href={`/status/${slug}/history?month=${newer}`} className="text-sm text-muted-foreground hover:underline" rel="next">
              {label(newer)} →
            </a>
          ) : (
            <span aria-hidden="true" className="w-24" />
          )}
        </nav>
        {served.incidents.length === 0 ? (
          <p className="rounded-lg border bg-card p-4 text-sm text-muted-foreground">No incidents reported this month.</p>
        ) : null}
        {served.incidents.map((i) => (
          <IncidentCard key={i.id} incident={i} componentNames={names} href={`/status/${slug}/incidents/${i.id}`} headingLevel={2} limit={1} />
        ))}
      </div>
    </StatusPageFrame>
  );
}

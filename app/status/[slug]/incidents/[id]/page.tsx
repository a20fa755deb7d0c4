import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { IncidentCard } from "@/components/status-pages/public/incident-card";
import { StatusPageFrame } from "@/components/status-pages/public/page-frame";
import { StatusPasswordForm } from "@/components/status-pages/public/password-form";
import { currentPrincipal } from "@/lib/auth/page";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { serveStatusIncident } from "@/lib/status-pages/serve";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident" };

export default async function PublicStatusIncidentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const [{ slug, id }, h, principal] = await Promise.all([params, headers(), currentPrincipal()]);
  const served = await serveStatusIncident(db(), slug, id, { cookie: h.get("cookie"), signedIn: principal !== null }, authSecret());
  if (served.kind === "not_found") notFound();
  if (served.kind === "needs_sign_in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/status/${slug}/incidents/${id}`)}`);
  if (served.kind === "needs_password") return <StatusPasswordForm slug={slug} />;
  const names = new Map(served.header.components.map((c) => [c.id, c.name] as const));
  return (
    <StatusPageFrame header={served.header}>
      <IncidentCard incident={served.incident} componentNames={names} headingLevel={1} />
    </StatusPageFrame>
  );
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { StatusPasswordForm } from "@/components/status-pages/public/password-form";
import { StatusPageView } from "@/components/status-pages/public/status-page-view";
import { currentPrincipal } from "@/lib/auth/page";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { serveStatusPage } from "@/lib/status-pages/serve";

export const dynamic = "force-dynamic";

// The feeds are announced to readers and browsers; a locked page's feeds refuse without its access.
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return {
    title: "Status",
    alternates: { types: { "application/rss+xml": `/status/${slug}/feed.rss`, "application/atom+xml": `/status/${slug}/feed.atom` } },
  };
}

export default async function PublicStatusPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ unlock?: string; subscribe?: string; subscription?: string }>;
}) {
  const [{ slug }, { unlock, subscribe, subscription }, h, principal] = await Promise.all([params, searchParams, headers(), currentPrincipal()]);
  const served = await serveStatusPage(db(), slug, { cookie: h.get("cookie"), signedIn: principal !== null }, authSecret());
  if (served.kind === "not_found") notFound();
  if (served.kind === "needs_sign_in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/status/${slug}`)}`);
  if (served.kind === "needs_password") return <StatusPasswordForm slug={slug} problem={unlock} />;
  return <StatusPageView view={served.view} subscribeOutcome={subscription ?? subscribe} />;
}

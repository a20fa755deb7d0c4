import type { Metadata } from "next";
import { SubscriptionLinkForm } from "@/components/status-pages/public/subscription-link-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status updates", robots: { index: false } };

// Public like the status page itself: the token in the link is the only credential, and only a POST acts on it.
export default async function Page({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ token?: string }> }) {
  const [{ slug }, { token }] = await Promise.all([params, searchParams]);
  return <SubscriptionLinkForm slug={slug} action="confirm" token={typeof token === "string" ? token.slice(0, 100) : ""} />;
}

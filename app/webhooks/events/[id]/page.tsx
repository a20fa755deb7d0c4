import type { Metadata } from "next";
import { EventDetailView } from "@/components/webhooks/event-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook event" };

export default async function WebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/webhooks/events/${id}`))) return <Forbidden role="viewer" />;
  return <EventDetailView id={id} />;
}

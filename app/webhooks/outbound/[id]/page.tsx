import type { Metadata } from "next";
import { OutboundDetailView } from "@/components/webhooks/outbound/outbound-detail";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbound delivery" };

export default async function OutboundDeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePage("viewer", `/webhooks/outbound/${id}`))) return <Forbidden role="viewer" />;
  return <OutboundDetailView id={id} />;
}

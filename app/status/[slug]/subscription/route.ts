import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";
import { handleSubscriptionLink } from "@/lib/status-pages/subscriptions/requests";

// Confirm and unsubscribe, from the buttons of the link pages or a mail client's one-click unsubscribe (RFC 8058).
export const POST = route<{ slug: string }>("public", async (req, { params }) => handleSubscriptionLink(db(), req, params.slug));

import { redirect } from "next/navigation";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

// `/settings` has no page of its own: the Settings menu's items are its children. Someone who types the parent
// address lands on their own account (which every signed-in role may see) rather than on a 404; signed out, on
// sign-in first.
export default async function SettingsPage() {
  const principal = await requirePage("viewer", "/settings");
  if (!principal) return <Forbidden role="viewer" />;
  redirect("/settings/account");
}

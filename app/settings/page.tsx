import { redirect } from "next/navigation";

// `/settings` has no page of its own: the Settings menu's items are its children. Someone who types the parent
// address lands on their own account rather than on a 404.
export default function SettingsPage(): never {
  redirect("/settings/account");
}

import { redirect } from "next/navigation";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

// The integrations list is the overview at `/`; a typed or bookmarked /integrations lands there, query and all.
export default async function IntegrationsIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await requirePage("viewer", "/integrations"))) return <Forbidden role="viewer" />;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) for (const v of [value].flat()) if (v !== undefined) params.append(key, v);
  const query = params.toString();
  redirect(query ? `/?${query}` : "/");
}

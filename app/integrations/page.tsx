import { redirect } from "next/navigation";

// The integrations list is the overview at `/`; a typed or bookmarked /integrations lands there, query and all.
export default async function IntegrationsIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) for (const v of [value].flat()) if (v !== undefined) params.append(key, v);
  const query = params.toString();
  redirect(query ? `/?${query}` : "/");
}

// The one way a server page prefetches (STYLE.md principle 6): it passes the same query options its client
// component gives useQuery, and the server-side read of the same data in place of the HTTP fetch. The read's
// type must be the query's, so the prefetched entry and the API's answer cannot drift apart.
import { dehydrate, HydrationBoundary, QueryClient, type FetchQueryOptions, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Whether `id` has the shape of a row id (a UUID): any other cannot exist, so the page need not ask the database. */
export const mayExist = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/**
 * Renders `children` with `query` already in the cache. A failed read is not fatal and is not sent: the client
 * fetches again and shows its own not-found or error state. `when={false}` skips the read (an id that cannot exist).
 */
export async function Prefetch<TQueryFnData, TError, TData, TQueryKey extends QueryKey>({
  query,
  load,
  when = true,
  children,
}: {
  query: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey>;
  load: () => Promise<NoInfer<TQueryFnData>>;
  when?: boolean;
  children: ReactNode;
}) {
  const qc = new QueryClient();
  if (when) await qc.prefetchQuery({ ...query, queryFn: load });
  return <HydrationBoundary state={dehydrate(qc)}>{children}</HydrationBoundary>;
}

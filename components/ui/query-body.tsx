import type { ReactNode } from "react";
import { Skeleton } from "./skeleton";
import { EmptyState, ErrorState } from "./state";

/**
 * The four states of a list read from the API, designed once: skeleton rows while loading, an error with
 * retry, the empty state, or the data.
 */
export function QueryBody<T>({
  query,
  isEmpty,
  empty,
  errorTitle,
  rows = 2,
  children,
}: {
  query: { data: T | undefined; error: Error | null; isPending: boolean; refetch: () => unknown };
  isEmpty: (data: T) => boolean;
  empty: { icon?: ReactNode; title: string; body?: ReactNode };
  errorTitle: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div className="grid gap-2 p-3" aria-busy="true">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-8" />
        ))}
      </div>
    );
  }
  if (query.error || query.data === undefined) {
    return (
      <div className="p-3">
        <ErrorState title={errorTitle} message={query.error?.message} onRetry={() => query.refetch()} />
      </div>
    );
  }
  if (isEmpty(query.data)) {
    return (
      <EmptyState icon={empty.icon} title={empty.title}>
        {empty.body}
      </EmptyState>
    );
  }
  return <>{children(query.data)}</>;
}

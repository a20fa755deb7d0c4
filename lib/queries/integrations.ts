// One query-options factory per read (STYLE.md principle 6): server pages prefetch with the same keys using
// the lib/integrations/ use cases directly; client components call useQuery with these.
import { queryOptions } from "@tanstack/react-query";
import type { IntegrationDetail, IntegrationSummary, RunsPage, Series, SeriesWindow } from "../integrations/types";
import type { SecretSummary } from "../secrets/store";
import { api } from "./api-client";

/** How often live views refresh: about the shortest probe interval. */
export const LIVE_REFRESH_MS = 5_000;

export const integrationKeys = {
  all: ["integrations"] as const,
  list: () => [...integrationKeys.all, "list"] as const,
  detail: (id: string) => [...integrationKeys.all, "detail", id] as const,
  runs: (id: string, failedOnly: boolean) => [...integrationKeys.all, "runs", id, { failedOnly }] as const,
  series: (id: string, window: SeriesWindow) => [...integrationKeys.all, "series", id, window] as const,
  secrets: (id: string) => [...integrationKeys.all, "secrets", id] as const,
};

export const integrationQueries = {
  list: () =>
    queryOptions({
      queryKey: integrationKeys.list(),
      queryFn: () => api<IntegrationSummary[]>("/api/integrations"),
      refetchInterval: LIVE_REFRESH_MS,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: integrationKeys.detail(id),
      queryFn: () => api<IntegrationDetail>(`/api/integrations/${id}`),
      refetchInterval: LIVE_REFRESH_MS,
    }),
  runs: (id: string, failedOnly = false) =>
    queryOptions({
      queryKey: integrationKeys.runs(id, failedOnly),
      queryFn: () => api<RunsPage>(`/api/integrations/${id}/runs?limit=25${failedOnly ? "&failed=true" : ""}`),
      refetchInterval: LIVE_REFRESH_MS,
    }),
  series: (id: string, window: SeriesWindow) =>
    queryOptions({
      queryKey: integrationKeys.series(id, window),
      queryFn: () => api<Series>(`/api/integrations/${id}/series?window=${window}`),
      refetchInterval: window === "1h" ? LIVE_REFRESH_MS : 60_000,
      placeholderData: (prev) => prev,
    }),
  secrets: (id: string) => queryOptions({ queryKey: integrationKeys.secrets(id), queryFn: () => api<SecretSummary[]>(`/api/integrations/${id}/secrets`) }),
};

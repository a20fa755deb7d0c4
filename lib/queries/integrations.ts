// Reads and writes of integrations and their secrets (STYLE.md principle 6): one query-options factory per read,
// which server pages prefetch (lib/queries/prefetch.tsx) and client components pass to useQuery, and one
// mutation-options factory per write, which says what the write makes stale; components pass it to useMutation.
import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type { IntegrationInputRaw } from "../integrations/integration-input";
import type {
  IntegrationDetail,
  IntegrationSummary,
  OverviewPage,
  ProbeRunView,
  RunsPage,
  Series,
  SeriesWindow,
  ToolVersionsPage,
} from "../integrations/types";
import { overviewSearch, type OverviewQuery } from "../integrations/overview-query";
import type { SecretSummary } from "../secrets/store";
import { api } from "./api-client";

/** How often live views refresh: about the shortest probe interval. */
export const LIVE_REFRESH_MS = 5_000;

export const integrationKeys = {
  all: ["integrations"] as const,
  list: () => [...integrationKeys.all, "list"] as const,
  /** Under list(), so whatever makes the list stale makes every overview page stale too. Keyed by the canonical search. */
  overview: (q: OverviewQuery) => [...integrationKeys.list(), "overview", overviewSearch(q)] as const,
  detail: (id: string) => [...integrationKeys.all, "detail", id] as const,
  runs: (id: string, failedOnly: boolean) => [...integrationKeys.all, "runs", id, { failedOnly }] as const,
  series: (id: string, window: SeriesWindow) => [...integrationKeys.all, "series", id, window] as const,
  secrets: (id: string) => [...integrationKeys.all, "secrets", id] as const,
  toolVersions: (id: string) => [...integrationKeys.all, "tool-versions", id] as const,
};

export const integrationQueries = {
  list: () =>
    queryOptions({
      queryKey: integrationKeys.list(),
      queryFn: () => api<IntegrationSummary[]>("/api/integrations"),
      refetchInterval: LIVE_REFRESH_MS,
    }),
  /** One page of the overview and the counts of the whole set: the only thing its 5-second refresh fetches. */
  overview: (q: OverviewQuery) =>
    queryOptions({
      queryKey: integrationKeys.overview(q),
      queryFn: () => api<OverviewPage>(`/api/integrations/overview${overviewSearch(q)}`),
      refetchInterval: LIVE_REFRESH_MS,
      // Fresh until the next refresh: the page the server prefetched is not fetched again as it hydrates.
      staleTime: LIVE_REFRESH_MS,
      // The previous page stays on screen (dimmed) while the next one loads.
      placeholderData: (prev) => prev,
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
  /** An MCP server's tool versions, newest first, a page at a time. */
  toolVersions: (id: string) =>
    infiniteQueryOptions({
      queryKey: integrationKeys.toolVersions(id),
      queryFn: ({ pageParam }) => api<ToolVersionsPage>(`/api/integrations/${id}/tool-versions?limit=10${pageParam ? `&cursor=${pageParam}` : ""}`),
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: 30_000,
    }),
};

export const integrationActions = {
  probeNow: (id: string) =>
    mutationOptions({
      mutationFn: () => api<ProbeRunView>(`/api/integrations/${id}/probe`, { method: "POST" }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: integrationKeys.all }),
    }),
  /** Creates one without an id, else updates it. */
  save: (id?: string) =>
    mutationOptions({
      mutationFn: (input: IntegrationInputRaw) =>
        id
          ? api<IntegrationDetail>(`/api/integrations/${id}`, { method: "PATCH", json: input })
          : api<IntegrationDetail>("/api/integrations", { method: "POST", json: input }),
      onSuccess: (saved, _vars, _r, { client }) => {
        client.setQueryData(integrationKeys.detail(saved.id), saved);
        return client.invalidateQueries({ queryKey: integrationKeys.all });
      },
    }),
  setEnabled: (id: string) =>
    mutationOptions({
      mutationFn: (enabled: boolean) => api<IntegrationDetail>(`/api/integrations/${id}`, { method: "PATCH", json: { enabled } }),
      onSuccess: (saved, _vars, _r, { client }) => {
        client.setQueryData(integrationKeys.detail(id), saved);
        return client.invalidateQueries({ queryKey: integrationKeys.all });
      },
    }),
  remove: (id: string) =>
    mutationOptions({
      mutationFn: () => api<void>(`/api/integrations/${id}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => {
        client.removeQueries({ queryKey: integrationKeys.detail(id) });
        return client.invalidateQueries({ queryKey: integrationKeys.list() });
      },
    }),
  saveSecret: (integrationId: string) =>
    mutationOptions({
      mutationFn: ({ name, value }: { name: string; value: string }) =>
        api<SecretSummary>(`/api/integrations/${integrationId}/secrets/${encodeURIComponent(name)}`, { method: "PUT", json: { value } }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: integrationKeys.secrets(integrationId) }),
    }),
  removeSecret: (integrationId: string) =>
    mutationOptions({
      mutationFn: (name: string) => api<void>(`/api/integrations/${integrationId}/secrets/${name}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: integrationKeys.secrets(integrationId) }),
    }),
};

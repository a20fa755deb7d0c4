// Reads and writes of alert rules, incidents, silences and integration timelines: query options that server pages
// prefetch and client components pass to useQuery; mutation options (what each write makes stale) for useMutation.
import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import type {
  AlertRuleView,
  AlertRulesResponse,
  AlertSilencesResponse,
  AlertSilenceView,
  BacktestRequest,
  BacktestResult,
  IncidentDetail,
  IncidentsPage,
  IncidentStatusFilter,
  IncidentView,
  SilenceInput,
  TimelineResponse,
} from "../alerts/types";
import { api } from "./api-client";
import { integrationKeys, LIVE_REFRESH_MS } from "./integrations";

/** What the rule editor's channel picker needs of a channel (the channels API returns more). */
export interface ChannelOption {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
}

export interface IncidentFilter {
  status: IncidentStatusFilter;
  integrationId?: string;
  ruleId?: string;
}

function incidentsQuery(f: IncidentFilter, cursor: string): string {
  const p = new URLSearchParams({ status: f.status });
  if (f.integrationId) p.set("integrationId", f.integrationId);
  if (f.ruleId) p.set("ruleId", f.ruleId);
  if (cursor) p.set("cursor", cursor);
  return p.toString();
}

export const alertKeys = {
  all: ["alerts"] as const,
  rules: () => [...alertKeys.all, "rules"] as const,
  rule: (id: string) => [...alertKeys.all, "rule", id] as const,
  backtest: (req: BacktestRequest) => [...alertKeys.all, "backtest", req] as const,
  incidents: (f: IncidentFilter) => [...alertKeys.all, "incidents", f] as const,
  incident: (id: string) => [...alertKeys.all, "incident", id] as const,
  silences: () => [...alertKeys.all, "silences"] as const,
  channels: () => [...alertKeys.all, "channel-options"] as const,
  timeline: (integrationId: string) => [...alertKeys.all, "timeline", integrationId] as const,
};

export const alertQueries = {
  rules: () =>
    queryOptions({
      queryKey: alertKeys.rules(),
      queryFn: async () => (await api<AlertRulesResponse>("/api/alerts/rules")).rules,
      refetchInterval: LIVE_REFRESH_MS,
    }),
  rule: (id: string) => queryOptions({ queryKey: alertKeys.rule(id), queryFn: () => api<AlertRuleView>(`/api/alerts/rules/${id}`) }),
  backtest: (req: BacktestRequest) =>
    queryOptions({
      queryKey: alertKeys.backtest(req),
      queryFn: ({ signal }) => api<BacktestResult>("/api/alerts/rules/backtest", { method: "POST", json: req, signal }),
      staleTime: 30_000,
      placeholderData: (prev) => prev,
      retry: false,
    }),
  incidents: (f: IncidentFilter) =>
    infiniteQueryOptions({
      queryKey: alertKeys.incidents(f),
      queryFn: ({ pageParam }) => api<IncidentsPage>(`/api/incidents?${incidentsQuery(f, pageParam)}`),
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: LIVE_REFRESH_MS,
    }),
  incident: (id: string) =>
    queryOptions({ queryKey: alertKeys.incident(id), queryFn: () => api<IncidentDetail>(`/api/incidents/${id}`), refetchInterval: LIVE_REFRESH_MS }),
  silences: () =>
    queryOptions({
      queryKey: alertKeys.silences(),
      queryFn: async () => (await api<AlertSilencesResponse>("/api/alerts/silences")).silences,
      refetchInterval: 30_000,
    }),
  channels: () =>
    queryOptions({
      queryKey: alertKeys.channels(),
      // The channels API may answer a list or `{ channels }`; the picker needs only id, name, kind, enabled.
      queryFn: async () => {
        const body = await api<ChannelOption[] | { channels: ChannelOption[] }>("/api/alerts/channels");
        return (Array.isArray(body) ? body : body.channels).map(({ id, name, kind, enabled }) => ({ id, name, kind, enabled }));
      },
    }),
  timeline: (integrationId: string) =>
    queryOptions({
      queryKey: alertKeys.timeline(integrationId),
      // The last 24 hours; the API bounds the number of items.
      queryFn: () =>
        api<TimelineResponse>(`/api/integrations/${integrationId}/timeline?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`),
      refetchInterval: LIVE_REFRESH_MS,
    }),
};

export const alertActions = {
  /** Creates a rule without an id, else updates it. */
  saveRule: (id?: string) =>
    mutationOptions({
      mutationFn: (rule: Record<string, unknown>) =>
        id
          ? api<AlertRuleView>(`/api/alerts/rules/${id}`, { method: "PATCH", json: rule })
          : api<AlertRuleView>("/api/alerts/rules", { method: "POST", json: rule }),
      onSuccess: (saved, _vars, _r, { client }) => {
        client.setQueryData(alertKeys.rule(saved.id), saved);
        return client.invalidateQueries({ queryKey: alertKeys.rules() });
      },
    }),
  setRuleEnabled: () =>
    mutationOptions({
      mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api<AlertRuleView>(`/api/alerts/rules/${id}`, { method: "PATCH", json: { enabled } }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: alertKeys.rules() }),
    }),
  removeRule: (id: string) =>
    mutationOptions({
      mutationFn: () => api<void>(`/api/alerts/rules/${id}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => {
        client.removeQueries({ queryKey: alertKeys.rule(id) });
        return client.invalidateQueries({ queryKey: alertKeys.all });
      },
    }),
  acknowledge: () =>
    mutationOptions({
      mutationFn: (id: string) => api<IncidentView>(`/api/incidents/${id}/acknowledge`, { method: "POST" }),
      onSettled: (_data, _error, _vars, _r, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: alertKeys.all }), client.invalidateQueries({ queryKey: integrationKeys.all })]),
    }),
  createSilence: () =>
    mutationOptions({
      mutationFn: (input: SilenceInput) => api<AlertSilenceView>("/api/alerts/silences", { method: "POST", json: input }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: alertKeys.silences() }),
    }),
  expireSilence: () =>
    mutationOptions({
      mutationFn: (id: string) => api<void>(`/api/alerts/silences/${id}`, { method: "DELETE" }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: alertKeys.silences() }),
    }),
};

// Reads and writes of webhook sources and received events: query options that server pages prefetch and client
// components pass to useQuery; mutation options (what each write makes stale) for useMutation.
import { infiniteQueryOptions, mutationOptions, queryOptions, type MutationFunctionContext } from "@tanstack/react-query";
import type { DeliveryView, EventDetail, EventSummary } from "../webhooks/events";
import type { SourceView } from "../webhooks/sources";
import { api } from "./api-client";

export interface EventFilterState {
  sourceId?: string;
  status?: string;
  eventType?: string;
  q?: string;
  since?: string;
}

export function filterQuery(f: EventFilterState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.toString();
}

export const webhookKeys = {
  all: ["webhooks"] as const,
  events: (f: EventFilterState) => [...webhookKeys.all, "events", f] as const,
  event: (id: string) => [...webhookKeys.all, "event", id] as const,
  sources: () => [...webhookKeys.all, "sources"] as const,
  progress: (ids: string[] | null) => [...webhookKeys.all, "progress", ids] as const,
};

export const webhookQueries = {
  events: (f: EventFilterState) =>
    infiniteQueryOptions({
      queryKey: webhookKeys.events(f),
      queryFn: ({ pageParam }) =>
        api<{ events: EventSummary[]; nextCursor: string | null }>(`/api/webhooks/events?${filterQuery(f)}${pageParam ? `&cursor=${pageParam}` : ""}`),
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: 5_000,
    }),
  event: (id: string) =>
    queryOptions({ queryKey: webhookKeys.event(id), queryFn: () => api<EventDetail>(`/api/webhooks/events/${id}`), refetchInterval: 5_000 }),
  sources: () => queryOptions({ queryKey: webhookKeys.sources(), queryFn: () => api<SourceView[]>("/api/webhooks/sources") }),
  /** How far a bulk replay has got: events by status; polled every second while any is still failing. */
  progress: (ids: string[] | null) =>
    queryOptions({
      queryKey: webhookKeys.progress(ids),
      queryFn: () => api<Record<string, number>>(`/api/webhooks/events/progress?ids=${ids!.join(",")}`),
      enabled: !!ids && ids.length > 0,
      refetchInterval: (q) => ((q.state.data?.failed ?? 1) > 0 ? 1_000 : false),
    }),
};

const invalidateAll = (_data: unknown, _error: Error | null, _vars: unknown, _r: unknown, { client }: MutationFunctionContext) =>
  client.invalidateQueries({ queryKey: webhookKeys.all });

export const webhookActions = {
  /** Replays (relays again, or reprocesses) one event. */
  replay: (id: string) =>
    mutationOptions({ mutationFn: () => api<{ status: string }>(`/api/webhooks/events/${id}/replay`, { method: "POST" }), onSettled: invalidateAll }),
  /** Queues every failed or dead-lettered event that matches the filter; answers their ids. */
  replayMatching: () =>
    mutationOptions({ mutationFn: (filter: EventFilterState) => api<{ ids: string[] }>("/api/webhooks/events/replay", { method: "POST", json: filter }) }),
  /** Forwards an edited copy of an event; the stored event is left as received. */
  replayEdited: (event: Pick<EventDetail, "id" | "bodyEncoding">) =>
    mutationOptions({
      mutationFn: ({ headers, body }: { headers: Record<string, string>; body: string }) =>
        api<DeliveryView>(`/api/webhooks/events/${event.id}/edited-replay`, { method: "POST", json: { headers, body, bodyEncoding: event.bodyEncoding } }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: webhookKeys.event(event.id) }),
    }),
  createSource: () =>
    mutationOptions({
      mutationFn: (body: Record<string, unknown>) => api<SourceView>("/api/webhooks/sources", { method: "POST", json: body }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: webhookKeys.sources() }),
    }),
  updateSource: (id: string) =>
    mutationOptions({
      mutationFn: (patch: Record<string, unknown>) => api<SourceView>(`/api/webhooks/sources/${id}`, { method: "PATCH", json: patch }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: webhookKeys.sources() }),
    }),
  setSourceEnabled: (id: string) =>
    mutationOptions({
      mutationFn: (enabled: boolean) => api<SourceView>(`/api/webhooks/sources/${id}`, { method: "PATCH", json: { enabled } }),
      onSettled: invalidateAll,
    }),
  removeSource: (id: string) =>
    mutationOptions({ mutationFn: () => api<{ deletedEvents: number }>(`/api/webhooks/sources/${id}`, { method: "DELETE" }), onSettled: invalidateAll }),
};

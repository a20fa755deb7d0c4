// Query-options factories for the webhook explorer (server pages prefetch with the same keys).
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { EventDetail, EventSummary } from "../webhooks/events";
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
};

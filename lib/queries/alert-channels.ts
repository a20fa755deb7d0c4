// Query-options factories for notification channels and the explorer's outbound deliveries (server pages
// prefetch with the same keys; client components call useQuery with these).
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ChannelView } from "../alerts/channels-service";
import type { DeliveryResult } from "../alerts/deliveries/queue";
import type { DeliveryDetail, DeliverySummary } from "../alerts/deliveries/explorer";
import { api } from "./api-client";

export interface OutboundFilter {
  status?: string;
  channelId?: string;
}

export type CreatedChannel = ChannelView & { generatedSecrets?: Record<string, string> };
export type { ChannelView, DeliveryDetail, DeliveryResult, DeliverySummary };

export const channelKeys = {
  all: ["alert-channels"] as const,
  list: () => [...channelKeys.all, "list"] as const,
  outbound: (f: OutboundFilter) => [...channelKeys.all, "outbound", f] as const,
  delivery: (id: string) => [...channelKeys.all, "delivery", id] as const,
};

function query(f: OutboundFilter, cursor: string): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.channelId) p.set("channelId", f.channelId);
  if (cursor) p.set("cursor", cursor);
  return p.toString();
}

export const channelQueries = {
  list: () => queryOptions({ queryKey: channelKeys.list(), queryFn: () => api<ChannelView[]>("/api/alerts/channels"), refetchInterval: 15_000 }),
  outbound: (f: OutboundFilter) =>
    infiniteQueryOptions({
      queryKey: channelKeys.outbound(f),
      queryFn: ({ pageParam }) => api<{ deliveries: DeliverySummary[]; nextCursor: string | null }>(`/api/webhooks/outbound?${query(f, pageParam)}`),
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: 5_000,
    }),
  delivery: (id: string) =>
    queryOptions({ queryKey: channelKeys.delivery(id), queryFn: () => api<DeliveryDetail>(`/api/webhooks/outbound/${id}`), refetchInterval: 5_000 }),
};

export const channelActions = {
  create: (body: unknown) => api<CreatedChannel>("/api/alerts/channels", { method: "POST", json: body }),
  update: (id: string, body: unknown) => api<ChannelView>(`/api/alerts/channels/${id}`, { method: "PATCH", json: body }),
  remove: (id: string) => api<void>(`/api/alerts/channels/${id}`, { method: "DELETE" }),
  test: (id: string) => api<DeliveryResult>(`/api/alerts/channels/${id}/test`, { method: "POST" }),
  replay: (id: string) => api<DeliveryResult>(`/api/webhooks/outbound/${id}/replay`, { method: "POST" }),
};

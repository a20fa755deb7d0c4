// Reads and writes of notification channels and the explorer's outbound deliveries: query options that server
// pages prefetch and client components pass to useQuery; mutation options (what each write makes stale) for useMutation.
import { infiniteQueryOptions, mutationOptions, queryOptions, type MutationFunctionContext } from "@tanstack/react-query";
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

const invalidateChannels = (_data: unknown, _error: Error | null, _vars: unknown, _r: unknown, { client }: MutationFunctionContext) =>
  client.invalidateQueries({ queryKey: channelKeys.all });

export const channelActions = {
  /** Creates a channel without an id (the body carries its kind), else updates it. */
  save: (id?: string) =>
    mutationOptions({
      mutationFn: (body: Record<string, unknown>) =>
        id
          ? api<ChannelView>(`/api/alerts/channels/${id}`, { method: "PATCH", json: body })
          : api<CreatedChannel>("/api/alerts/channels", { method: "POST", json: body }),
      // Not awaited: the dialog shows a generated secret at once.
      onSuccess: (_data, _vars, _r, { client }) => void client.invalidateQueries({ queryKey: channelKeys.all }),
    }),
  remove: (id: string) =>
    mutationOptions({
      mutationFn: () => api<void>(`/api/alerts/channels/${id}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: channelKeys.all }),
    }),
  test: (id: string) =>
    mutationOptions({ mutationFn: () => api<DeliveryResult>(`/api/alerts/channels/${id}/test`, { method: "POST" }), onSettled: invalidateChannels }),
  /** Sends an outbound delivery again. */
  replay: (id: string) =>
    mutationOptions({ mutationFn: () => api<DeliveryResult>(`/api/webhooks/outbound/${id}/replay`, { method: "POST" }), onSettled: invalidateChannels }),
};

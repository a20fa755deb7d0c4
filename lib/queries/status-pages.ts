// Reads and writes of status pages for the admin side: the list, one page, and the mutations (what each makes stale).
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { StatusPageView } from "../status-pages/pages";
import type { StatusPageDraft } from "../status-pages/page-input";
import type { SubscribersResponse } from "../status-pages/subscriptions/subscribers";
import { api } from "./api-client";

export const statusPageKeys = {
  all: ["status-pages"] as const,
  list: () => [...statusPageKeys.all, "list"] as const,
  one: (id: string) => [...statusPageKeys.all, "one", id] as const,
  subscribers: (id: string) => [...statusPageKeys.all, "subscribers", id] as const,
};

export const statusPageQueries = {
  list: () =>
    queryOptions({ queryKey: statusPageKeys.list(), queryFn: async () => (await api<{ statusPages: StatusPageView[] }>("/api/status-pages")).statusPages }),
  one: (id: string) => queryOptions({ queryKey: statusPageKeys.one(id), queryFn: () => api<StatusPageView>(`/api/status-pages/${id}`) }),
  subscribers: (id: string) =>
    queryOptions({ queryKey: statusPageKeys.subscribers(id), queryFn: () => api<SubscribersResponse>(`/api/status-pages/${id}/subscribers`) }),
};

export const statusPageActions = {
  create: () =>
    mutationOptions({
      mutationFn: (input: StatusPageDraft) => api<StatusPageView>("/api/status-pages", { method: "POST", json: input }),
      onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: statusPageKeys.all }),
    }),
  update: (id: string) =>
    mutationOptions({
      mutationFn: (input: StatusPageDraft) => api<StatusPageView>(`/api/status-pages/${id}`, { method: "PUT", json: input }),
      onSuccess: (data, _v, _r, { client }) => {
        client.setQueryData(statusPageKeys.one(id), data);
        return client.invalidateQueries({ queryKey: statusPageKeys.list() });
      },
    }),
  remove: (id: string) =>
    mutationOptions({
      mutationFn: () => api<void>(`/api/status-pages/${id}`, { method: "DELETE" }),
      onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: statusPageKeys.all }),
    }),
  removeSubscriber: (pageId: string) =>
    mutationOptions({
      mutationFn: (subscriberId: string) => api<void>(`/api/status-pages/${pageId}/subscribers/${subscriberId}`, { method: "DELETE" }),
      onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: statusPageKeys.subscribers(pageId) }),
    }),
};

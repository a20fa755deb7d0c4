// Reads and writes of status incidents for the admin side: a page's list, one incident, and the mutations.
import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import type { StatusIncidentInput, StatusIncidentPatch, StatusIncidentUpdateInput, StatusIncidentView } from "../status-pages/incidents";
import { api } from "./api-client";

export const statusIncidentKeys = {
  all: ["status-incidents"] as const,
  page: (pageId: string) => [...statusIncidentKeys.all, "page", pageId] as const,
  one: (id: string) => [...statusIncidentKeys.all, "one", id] as const,
};

export const statusIncidentQueries = {
  page: (pageId: string) =>
    queryOptions({
      queryKey: statusIncidentKeys.page(pageId),
      queryFn: async () => (await api<{ incidents: StatusIncidentView[] }>(`/api/status-pages/${pageId}/incidents`)).incidents,
    }),
  one: (id: string) => queryOptions({ queryKey: statusIncidentKeys.one(id), queryFn: () => api<StatusIncidentView>(`/api/status-incidents/${id}`) }),
};

const stored = (client: QueryClient, data: StatusIncidentView) => {
  client.setQueryData(statusIncidentKeys.one(data.id), data);
  return client.invalidateQueries({ queryKey: statusIncidentKeys.page(data.pageId) });
};

export const statusIncidentActions = {
  create: (pageId: string) =>
    mutationOptions({
      mutationFn: (input: StatusIncidentInput) => api<StatusIncidentView>(`/api/status-pages/${pageId}/incidents`, { method: "POST", json: input }),
      onSuccess: (data, _v, _r, { client }) => stored(client, data),
    }),
  update: (id: string) =>
    mutationOptions({
      mutationFn: (input: StatusIncidentPatch) => api<StatusIncidentView>(`/api/status-incidents/${id}`, { method: "PATCH", json: input }),
      onSuccess: (data, _v, _r, { client }) => stored(client, data),
    }),
  postUpdate: (id: string) =>
    mutationOptions({
      mutationFn: (input: StatusIncidentUpdateInput) => api<StatusIncidentView>(`/api/status-incidents/${id}/updates`, { method: "POST", json: input }),
      onSuccess: (data, _v, _r, { client }) => stored(client, data),
    }),
  editUpdate: (id: string, updateId: string) =>
    mutationOptions({
      mutationFn: (body: string) => api<StatusIncidentView>(`/api/status-incidents/${id}/updates/${updateId}`, { method: "PATCH", json: { body } }),
      onSuccess: (data, _v, _r, { client }) => stored(client, data),
    }),
};

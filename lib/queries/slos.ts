// Reads and writes of SLOs: query options that server pages prefetch and client components pass to useQuery;
// mutation options (what each write makes stale) for useMutation.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { ImportPreview } from "../slo/openslo/openslo-service";
import type { SloReport } from "../slo/report/report";
import type { SloDetail, SlosResponse } from "../slo/types";
import { api } from "./api-client";
import { LIVE_REFRESH_MS } from "./integrations";

export const sloKeys = {
  all: ["slos"] as const,
  list: () => [...sloKeys.all, "list"] as const,
  detail: (id: string) => [...sloKeys.all, "detail", id] as const,
  forIntegration: (integrationId: string) => [...sloKeys.all, "integration", integrationId] as const,
  report: (month: string) => [...sloKeys.all, "report", month] as const,
};

/** Where every SLO (or one) downloads as OpenSLO v1 YAML. */
export const openSloExportUrl = (id?: string) => (id ? `/api/slos/openslo?id=${encodeURIComponent(id)}` : "/api/slos/openslo");

/** Where the month's report downloads as CSV. */
export const sloReportCsvUrl = (month: string) => `/api/slos/report.csv?month=${encodeURIComponent(month)}`;

export const sloQueries = {
  list: () =>
    queryOptions({
      queryKey: sloKeys.list(),
      queryFn: async () => (await api<SlosResponse>("/api/slos")).slos,
      refetchInterval: LIVE_REFRESH_MS,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: sloKeys.detail(id),
      queryFn: () => api<SloDetail>(`/api/slos/${id}`),
      refetchInterval: LIVE_REFRESH_MS,
    }),
  report: (month: string) =>
    queryOptions({
      queryKey: sloKeys.report(month),
      queryFn: () => api<SloReport>(`/api/slos/report?month=${encodeURIComponent(month)}`),
    }),
  forIntegration: (integrationId: string) =>
    queryOptions({
      queryKey: sloKeys.forIntegration(integrationId),
      queryFn: async () => (await api<SlosResponse>(`/api/integrations/${integrationId}/slos`)).slos,
      refetchInterval: LIVE_REFRESH_MS,
    }),
};

export const sloActions = {
  save: (id?: string) =>
    mutationOptions({
      mutationFn: (slo: Record<string, unknown>) =>
        id ? api<SloDetail>(`/api/slos/${id}`, { method: "PATCH", json: slo }) : api<SloDetail>("/api/slos", { method: "POST", json: slo }),
      onSuccess: (saved, _vars, _r, { client }) => {
        client.setQueryData(sloKeys.detail(saved.id), saved);
        return client.invalidateQueries({ queryKey: sloKeys.all });
      },
    }),
  importOpenSlo: () =>
    mutationOptions({
      mutationFn: (body: { yaml: string; dryRun: boolean }) => api<ImportPreview>("/api/slos/openslo", { method: "POST", json: body }),
      onSuccess: (result, _vars, _r, { client }) => (result.dryRun ? undefined : client.invalidateQueries({ queryKey: sloKeys.all })),
    }),
  remove: (id: string) =>
    mutationOptions({
      mutationFn: () => api<void>(`/api/slos/${id}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => {
        client.removeQueries({ queryKey: sloKeys.detail(id) });
        return client.invalidateQueries({ queryKey: sloKeys.all });
      },
    }),
};

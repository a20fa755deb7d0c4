"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/queries/api-client";
import { integrationKeys } from "@/lib/queries/integrations";
import type { IntegrationDetail, ProbeRunView } from "@/lib/integrations/types";
import type { IntegrationInputRaw } from "@/lib/integrations/integration-input";

export function useProbeNow(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<ProbeRunView>(`/api/integrations/${id}/probe`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

export function useSaveIntegration(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: IntegrationInputRaw) =>
      id
        ? api<IntegrationDetail>(`/api/integrations/${id}`, { method: "PATCH", json: input })
        : api<IntegrationDetail>("/api/integrations", { method: "POST", json: input }),
    onSuccess: (saved) => {
      qc.setQueryData(integrationKeys.detail(saved.id), saved);
      return qc.invalidateQueries({ queryKey: integrationKeys.all });
    },
  });
}

export function useSetEnabled(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api<IntegrationDetail>(`/api/integrations/${id}`, { method: "PATCH", json: { enabled } }),
    onSuccess: (saved) => {
      qc.setQueryData(integrationKeys.detail(id), saved);
      return qc.invalidateQueries({ queryKey: integrationKeys.all });
    },
  });
}

export function useDeleteIntegration(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/api/integrations/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: integrationKeys.detail(id) });
      return qc.invalidateQueries({ queryKey: integrationKeys.list() });
    },
  });
}

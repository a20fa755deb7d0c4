"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/queries/api-client";
import { alertKeys } from "@/lib/queries/alerts";
import { integrationKeys } from "@/lib/queries/integrations";
import type { AlertRuleView, AlertSilenceView, IncidentView, SilenceInput } from "@/lib/alerts/types";

export function useSaveRule(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rule: Record<string, unknown>) =>
      id
        ? api<AlertRuleView>(`/api/alerts/rules/${id}`, { method: "PATCH", json: rule })
        : api<AlertRuleView>("/api/alerts/rules", { method: "POST", json: rule }),
    onSuccess: (saved) => {
      qc.setQueryData(alertKeys.rule(saved.id), saved);
      return qc.invalidateQueries({ queryKey: alertKeys.rules() });
    },
  });
}

export function useSetRuleEnabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api<AlertRuleView>(`/api/alerts/rules/${id}`, { method: "PATCH", json: { enabled } }),
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.rules() }),
  });
}

export function useDeleteRule(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/api/alerts/rules/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: alertKeys.rule(id) });
      return qc.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<IncidentView>(`/api/incidents/${id}/acknowledge`, { method: "POST" }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: alertKeys.all }), qc.invalidateQueries({ queryKey: integrationKeys.all })]),
  });
}

export function useCreateSilence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SilenceInput) => api<AlertSilenceView>("/api/alerts/silences", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.silences() }),
  });
}

export function useExpireSilence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/alerts/silences/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: alertKeys.silences() }),
  });
}

// Reads and writes of accounts, API tokens, workers and the audit log: query options for useQuery (and page
// prefetches), mutation options (what each write makes stale) for useMutation.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { Role } from "../auth/roles";
import type { AuditView } from "../audit/audit-log";
import type { TokenView } from "../auth/tokens";
import type { Scope } from "../auth/scopes";
import type { UserView } from "../users/service";
import { api } from "./api-client";

export const adminKeys = {
  tokens: ["tokens"] as const,
  users: ["users"] as const,
  audit: (action: string) => ["audit", { action }] as const,
};

export const adminQueries = {
  tokens: () => queryOptions({ queryKey: adminKeys.tokens, queryFn: () => api<TokenView[]>("/api/tokens") }),
  users: () => queryOptions({ queryKey: adminKeys.users, queryFn: () => api<UserView[]>("/api/users") }),
  audit: (action: string) =>
    queryOptions({
      queryKey: adminKeys.audit(action),
      queryFn: () => api<{ events: AuditView[]; nextCursor: string | null }>(`/api/audit?limit=100${action ? `&action=${encodeURIComponent(action)}` : ""}`),
      refetchInterval: 10_000,
    }),
};

export const adminActions = {
  /** Answers the token itself, shown once. */
  createToken: () =>
    mutationOptions({
      mutationFn: (input: { name: string; role: Role; scopes?: Scope[] }) =>
        api<{ token: string; view: TokenView }>("/api/tokens", { method: "POST", json: input }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: adminKeys.tokens }),
    }),
  revokeToken: () =>
    mutationOptions({
      mutationFn: (id: string) => api<TokenView>(`/api/tokens/${id}`, { method: "DELETE" }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: adminKeys.tokens }),
    }),
  createUser: () =>
    mutationOptions({
      mutationFn: (input: { email: string; name?: string; role: Role; password: string }) => api<UserView>("/api/users", { method: "POST", json: input }),
      onSuccess: (_data, _vars, _r, { client }) => client.invalidateQueries({ queryKey: adminKeys.users }),
    }),
  updateUser: () =>
    mutationOptions({
      mutationFn: ({ id, patch }: { id: string; patch: { role?: Role; disabled?: boolean; roleLocked?: boolean } }) =>
        api<UserView>(`/api/users/${id}`, { method: "PATCH", json: patch }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: adminKeys.users }),
    }),
};

// Query-options factories for accounts, tokens and the audit log (server pages prefetch with the same keys).
import { queryOptions } from "@tanstack/react-query";
import type { AuditView } from "../audit/audit-log";
import type { TokenView } from "../auth/tokens";
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

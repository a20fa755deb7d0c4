// Query options for the dashboard's own health (GET /api/health): the error boundary asks it whether a failed page
// failed because the database is unreachable, and keeps asking until it answers again.
import { queryOptions } from "@tanstack/react-query";
import { ApiClientError, api } from "./api-client";

export type ServerHealth = "ok" | "database_unavailable" | "unknown";

export const healthKeys = { server: ["health"] as const };

/** "database_unavailable" when the health route answers 503 `unavailable`; rechecked every 2 s until it is ok. */
export const healthQueries = {
  server: () =>
    queryOptions({
      queryKey: healthKeys.server,
      queryFn: async (): Promise<ServerHealth> => {
        try {
          await api<{ status: "ok" }>("/api/health", { cache: "no-store" });
          return "ok";
        } catch (err) {
          return err instanceof ApiClientError && err.code === "unavailable" ? "database_unavailable" : "unknown";
        }
      },
      staleTime: 0,
      retry: false,
      refetchInterval: (query) => (query.state.data === "ok" ? false : 2_000),
    }),
};

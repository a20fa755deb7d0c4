// Query options for the worker fleet's status (the Workers page polls it; a lost worker shows within seconds) and
// the locations its workers serve (the Workers page warns about unserved ones; the integration form offers them).
import { queryOptions } from "@tanstack/react-query";
import type { LocationView, WorkerView } from "../workers/heartbeat";
import { api } from "./api-client";

export const workerKeys = {
  list: ["workers"] as const,
  locations: ["workers", "locations"] as const,
};

export const workerQueries = {
  list: () => queryOptions({ queryKey: workerKeys.list, queryFn: () => api<WorkerView[]>("/api/workers"), refetchInterval: 3_000 }),
  /** Served means seen within minutes, so a slow poll is enough. */
  locations: () =>
    queryOptions({ queryKey: workerKeys.locations, queryFn: () => api<LocationView[]>("/api/workers/locations"), refetchInterval: 15_000, staleTime: 10_000 }),
};

// Query options for the worker fleet's status (the Workers page polls it; a lost worker shows within seconds).
import { queryOptions } from "@tanstack/react-query";
import type { WorkerView } from "../workers/heartbeat";
import { api } from "./api-client";

export const workerKeys = {
  list: ["workers"] as const,
};

export const workerQueries = {
  list: () => queryOptions({ queryKey: workerKeys.list, queryFn: () => api<WorkerView[]>("/api/workers"), refetchInterval: 3_000 }),
};

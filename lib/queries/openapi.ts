// The instance's OpenAPI document, for the API reference page: fetched once per visit (it changes only with a deploy).
import { queryOptions } from "@tanstack/react-query";
import { api } from "./api-client";

export const openApiQueries = {
  document: () => queryOptions({ queryKey: ["openapi"] as const, queryFn: () => api<Record<string, unknown>>("/api/openapi.json"), staleTime: Infinity }),
};

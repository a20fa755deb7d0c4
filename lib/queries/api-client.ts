// Browser-side fetch for our JSON API: turns the `{ error }` shape into an ApiClientError with field details.
import type { ApiErrorBody } from "../api/errors";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** The error's details as sent (e.g. an import's problems with their lines). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiClientError(0, "network", "Cannot reach Tether's server. Check that it is running.");
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    const fields = (err?.details as { fields?: Record<string, string[]> } | undefined)?.fields ?? {};
    throw new ApiClientError(res.status, err?.code ?? "http_error", err?.message ?? `Request failed (${res.status})`, fields, err?.details);
  }
  return body as T;
}

// Token scopes: grants an API token carries beyond its role. `metrics` lets a scraper read GET /metrics and nothing
// more than its role allows elsewhere, so a Prometheus server can hold a viewer token with only that scope.
export const SCOPES = ["metrics"] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTION: Record<Scope, string> = {
  metrics: "Scrapes GET /metrics (Prometheus exposition of every integration's figures)",
};

/** Scopes as stored (a text array): anything not known today is ignored rather than trusted. */
export function knownScopes(stored: readonly string[] | null | undefined): Scope[] {
  return (stored ?? []).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
}

// Roles and what each may do. Ranked: a higher role can do everything a lower one can.
export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route or page requires: `public` needs nobody signed in; `metrics` needs an API token with the metrics
 * scope, unless TETHER_METRICS_PUBLIC=true opens it (lib/api/handler.ts).
 */
export type Policy = "public" | "metrics" | Role;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function atLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** A token acts with the lesser of its own role and its owner's current role. */
export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export const ROLE_DESCRIPTION: Record<Role, string> = {
  viewer: "Reads health, runs and charts; manages their own API tokens",
  editor: "Also creates and edits integrations, secrets, and triggers probes",
  admin: "Also manages users, API tokens of everyone, and settings",
};

// Which role a provider's groups give a user: every group named in the role map counts, the highest role wins;
// no mapped group gives the configured default, or a refusal when there is none. Pure.
import type { RoleMapping } from "../../config/auth";
import { atLeast, type Role } from "../roles";

export type RoleDecision = { kind: "role"; role: Role; from: string } | { kind: "refused"; groups: string[] };

/** The claim's groups: an array of strings, or one string of groups separated by commas or spaces. */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string") return value.split(/[,\s]+/).filter(Boolean);
  return [];
}

export function roleFromClaims(claims: Record<string, unknown>, mapping: RoleMapping): RoleDecision {
  const groups = groupsOf(claims, mapping.claim);
  let best: { role: Role; from: string } | null = null;
  for (const group of groups) {
    const role = mapping.map[group];
    if (role && (!best || !atLeast(best.role, role))) best = { role, from: `group ${group}` };
  }
  if (best) return { kind: "role", ...best };
  return mapping.defaultRole ? { kind: "role", role: mapping.defaultRole, from: "the default role" } : { kind: "refused", groups };
}

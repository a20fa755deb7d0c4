// Sign-in configuration from the environment: OpenID Connect providers (OIDC_* for one, OIDC_<NAME>_* for several),
// how their groups map to roles, and whether password sign-in is on. Parsed with zod; errors name the variable,
// never its value, so a client secret cannot reach a log through a startup error.
import { z } from "zod";
import { ROLES, type Role } from "../auth/roles";

export interface RoleMapping {
  /** The claim holding the user's groups (an array of strings, or one string). */
  claim: string;
  /** Group -> role; the highest role of all matching groups wins. */
  map: Record<string, Role>;
  /** The role for a user none of whose groups is mapped; null refuses them. */
  defaultRole: Role | null;
}

export interface OidcProviderConfig {
  /** next-auth's provider id, in the callback URL: `oidc`, or `oidc-<name>` for OIDC_<NAME>_*. */
  id: string;
  /** The button's label. */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  roles: RoleMapping;
}

export interface AuthConfig {
  oidc: OidcProviderConfig[];
  passwordLogin: boolean;
}

const FIELDS = ["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "NAME", "SCOPE", "ROLE_CLAIM", "ROLE_MAP", "DEFAULT_ROLE"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: Field[] = ["ISSUER", "CLIENT_ID", "CLIENT_SECRET"];

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const roleMap = z.string().transform((value, ctx) => {
  const map: Record<string, Role> = {};
  for (const entry of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf(":");
    const group = at > 0 ? entry.slice(0, at).trim() : "";
    const role = at > 0 ? entry.slice(at + 1).trim() : "";
    if (!group || !(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not group:role (role one of ${ROLES.join(", ")}), e.g. tether-admins:admin` });
      return z.NEVER;
    }
    map[group] = role as Role;
  }
  return map;
});

const providerSchema = z.object({
  ISSUER: z.url({ protocol: /^https?$/, error: "must be the issuer's http(s) URL, e.g. https://login.example.com/realms/acme" }),
  CLIENT_ID: z.string().min(1),
  CLIENT_SECRET: z.string().min(1),
  NAME: z.preprocess(blankIsUnset, z.string().max(60, "at most 60 characters").optional()),
  SCOPE: z.preprocess(blankIsUnset, z.string().optional()),
  ROLE_CLAIM: z.preprocess(blankIsUnset, z.string().optional()),
  ROLE_MAP: z.preprocess(blankIsUnset, roleMap.optional()),
  DEFAULT_ROLE: z.preprocess(blankIsUnset, z.enum([...ROLES, "none"], { error: `must be one of ${ROLES.join(", ")} or none` }).optional()),
});

const globalSchema = z.object({
  ROLE_CLAIM: z.preprocess(blankIsUnset, z.string().default("groups")),
  ROLE_MAP: z.preprocess(blankIsUnset, roleMap.default({})),
  DEFAULT_ROLE: z.preprocess(blankIsUnset, z.enum([...ROLES, "none"], { error: `must be one of ${ROLES.join(", ")} or none` }).default("viewer")),
  TETHER_PASSWORD_LOGIN: z.preprocess(
    blankIsUnset,
    z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
  ),
});

/** Which provider prefix a variable belongs to: "" for OIDC_ISSUER, "OKTA" for OIDC_OKTA_ISSUER. */
function splitKey(key: string): { prefix: string; field: Field } | null {
  if (!key.startsWith("OIDC_")) return null;
  const rest = key.slice(5);
  for (const field of FIELDS) {
    if (rest === field) return { prefix: "", field };
    if (rest.endsWith(`_${field}`)) {
      const prefix = rest.slice(0, -field.length - 1);
      if (/^[A-Z0-9]+$/.test(prefix)) return { prefix, field };
    }
  }
  return null;
}

function describe(issues: z.core.$ZodIssue[], variable: (path: PropertyKey[]) => string): string[] {
  return issues.map((i) => `  ${variable(i.path)}: ${i.code === "invalid_type" ? "is not set" : i.message}`);
}

export function readAuthConfig(source: Record<string, string | undefined> = process.env): AuthConfig {
  const errors: string[] = [];
  const global = globalSchema.safeParse({
    ROLE_CLAIM: source.OIDC_ROLE_CLAIM,
    ROLE_MAP: source.OIDC_ROLE_MAP,
    DEFAULT_ROLE: source.OIDC_DEFAULT_ROLE,
    TETHER_PASSWORD_LOGIN: source.TETHER_PASSWORD_LOGIN,
  });
  if (!global.success)
    errors.push(...describe(global.error.issues, (p) => (p[0] === "TETHER_PASSWORD_LOGIN" ? "TETHER_PASSWORD_LOGIN" : `OIDC_${String(p[0])}`)));

  const groups = new Map<string, Partial<Record<Field, string>>>();
  for (const [key, value] of Object.entries(source)) {
    const split = splitKey(key);
    if (!split || value === undefined || value.trim() === "") continue;
    // The global role settings are not a provider of their own.
    if (split.prefix === "" && !REQUIRED.includes(split.field) && split.field !== "NAME" && split.field !== "SCOPE") continue;
    const group = groups.get(split.prefix) ?? {};
    group[split.field] = value.trim();
    groups.set(split.prefix, group);
  }

  const oidc: OidcProviderConfig[] = [];
  for (const [prefix, vars] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const name = (field: string) => `OIDC_${prefix ? `${prefix}_` : ""}${field}`;
    if (!REQUIRED.some((f) => vars[f] !== undefined)) continue;
    const missing = REQUIRED.filter((f) => vars[f] === undefined);
    if (missing.length) {
      errors.push(`  ${missing.map(name).join(", ")}: not set, but ${name(REQUIRED.find((f) => vars[f] !== undefined)!)} is; an OIDC provider needs all three`);
      continue;
    }
    const parsed = providerSchema.safeParse(vars);
    if (!parsed.success) {
      errors.push(...describe(parsed.error.issues, (p) => name(String(p[0]))));
      continue;
    }
    if (!global.success) continue;
    const p = parsed.data;
    const defaultRole = p.DEFAULT_ROLE ?? global.data.DEFAULT_ROLE;
    oidc.push({
      id: prefix ? `oidc-${prefix.toLowerCase()}` : "oidc",
      name: p.NAME ?? (prefix ? prefix.charAt(0) + prefix.slice(1).toLowerCase() : "SSO"),
      issuer: p.ISSUER.replace(/\/$/, ""),
      clientId: p.CLIENT_ID,
      clientSecret: p.CLIENT_SECRET,
      scope: p.SCOPE ?? "openid email profile",
      roles: {
        claim: p.ROLE_CLAIM ?? global.data.ROLE_CLAIM,
        map: p.ROLE_MAP ?? global.data.ROLE_MAP,
        defaultRole: defaultRole === "none" ? null : defaultRole,
      },
    });
  }
  if (errors.length || !global.success) throw new Error(`Invalid sign-in configuration:\n${errors.join("\n")}`);
  return { oidc, passwordLogin: global.data.TETHER_PASSWORD_LOGIN };
}

/** Whether GitHub sign-in is configured. Here, not beside the providers, so the start program can ask without loading
 * next-auth's providers, bcrypt and the rate limiter into the worker's process (lib/auth/options.ts imports them). */
export function githubEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !!env.GITHUB_ID && !!env.GITHUB_SECRET;
}

// The plan: what applying a file would change on a server, per resource and, for updates, per property. Pure:
// it compares the parsed file with the server's state (GET /api/config) and records that state's fingerprint, so
// the server can refuse the plan if anything changed since. Secrets are compared by presence only: a plan holds
// references (${ENV_NAME}), never a value.
import { z } from "zod";
import { VERIFICATION_CONFIG_SCHEMAS } from "../webhooks/verification/config";
import { RESOURCE_TYPES, SECRET_REF, TYPE_LABEL, configFileSchema, type ConfigFile, type ResourceType } from "./schema";

export const PLAN_FORMAT = "tether-plan/1";

/** The server's side: its resources as a file would write them (secrets as references), which are managed, and a fingerprint. */
export const serverStateSchema = z.object({
  fingerprint: z.string(),
  config: configFileSchema,
  managed: z.object(Object.fromEntries(RESOURCE_TYPES.map((t) => [t, z.array(z.string())])) as Record<ResourceType, z.ZodArray<z.ZodString>>),
});
export type ServerState = z.output<typeof serverStateSchema>;

export const propertyChangeSchema = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type PropertyChange = z.infer<typeof propertyChangeSchema>;

export const resourceChangeSchema = z.object({
  type: z.enum(RESOURCE_TYPES),
  name: z.string(),
  action: z.enum(["create", "update", "delete"]),
  properties: z.array(propertyChangeSchema),
  /** The entry as the file declares it (create and update); secrets as references. */
  spec: z.record(z.string(), z.unknown()).optional(),
  /** Paths in `spec` of the secrets to send (their references are resolved by the CLI at apply time). */
  secrets: z.array(z.string()).default([]),
});
export type ResourceChange = z.output<typeof resourceChangeSchema>;

export const planSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  fingerprint: z.string(),
  prune: z.boolean(),
  changes: z.array(resourceChangeSchema),
  unchanged: z.array(z.object({ type: z.enum(RESOURCE_TYPES), name: z.string() })),
  /** On the server, not in the file, and not managed by config: never deleted, even with --prune. */
  unmanaged: z.array(z.object({ type: z.enum(RESOURCE_TYPES), name: z.string() })),
});
export type Plan = z.output<typeof planSchema>;

export interface PlanOptions {
  prune?: boolean;
  /** Send every secret again (e.g. after changing an environment variable's value). */
  resendSecrets?: boolean;
}

export const SECRET_MARK = "(secret)";
const isRef = (v: unknown): v is string => typeof v === "string" && SECRET_REF.test(v);

/**
 * Where a type holds secrets: an integration's `secrets.NAME`, a channel's settings (the schema lets only its
 * secret fields be references), a webhook source's `secret`. A `${...}` anywhere else is plain text.
 */
export function isSecretSlot(type: ResourceType, path: string): boolean {
  if (type === "integrations") return /^secrets\.[^.]+$/.test(path);
  if (type === "channels") return /^config\.[^.]+$/.test(path);
  if (type === "webhookSources") return path === "secret";
  return false;
}

/** Dotted path -> leaf value; arrays are leaves, absent and null fields are left out, secrets become SECRET_MARK. */
export function flatten(value: unknown, type?: ResourceType, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value === null || value === undefined) return out;
  if (typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, type, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix, type && isRef(value) && isSecretSlot(type, prefix) ? SECRET_MARK : value);
  return out;
}

/** Secret references in an entry, by path. */
export function secretPaths(type: ResourceType, spec: unknown): string[] {
  return [...flatten(spec, type)].filter(([, v]) => v === SECRET_MARK).map(([p]) => p);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Makes both sides comparable where the file's format leaves settings to the server. */
function comparable(type: ResourceType, desired: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  if (type === "channels") {
    // A channel's settings: the server fills in its kind's defaults, so only the fields the file names count.
    const want = (desired.config ?? {}) as Record<string, unknown>;
    const have = (current.config ?? {}) as Record<string, unknown>;
    return { ...current, config: Object.fromEntries(Object.keys(want).map((k) => [k, have[k]])) };
  }
  return current;
}

function normalizeEntry(type: ResourceType, entry: Record<string, unknown>): Record<string, unknown> {
  if (type === "webhookSources") {
    const scheme = entry.scheme as keyof typeof VERIFICATION_CONFIG_SCHEMAS;
    const parsed = VERIFICATION_CONFIG_SCHEMAS[scheme]?.safeParse(entry.schemeConfig ?? {});
    if (parsed?.success) return { ...entry, schemeConfig: parsed.data };
  }
  return entry;
}

export function diffEntry(type: ResourceType, desired: Record<string, unknown>, current: Record<string, unknown>, resendSecrets = false): PropertyChange[] {
  const want = flatten(normalizeEntry(type, desired), type);
  const have = flatten(comparable(type, desired, normalizeEntry(type, current)), type);
  const out: PropertyChange[] = [];
  for (const path of new Set([...want.keys(), ...have.keys()])) {
    const after = want.get(path);
    const before = have.get(path);
    if (same(after, before) && !(resendSecrets && after === SECRET_MARK)) continue;
    out.push({ path, ...(before !== undefined && { before }), ...(after !== undefined && { after }) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Creates and updates in dependency order (what a rule names exists first); deletes after, in reverse. */
export function makePlan(file: ConfigFile, server: ServerState, options: PlanOptions = {}): Plan {
  const creates: ResourceChange[] = [];
  const deletes: ResourceChange[] = [];
  const unchanged: Plan["unchanged"] = [];
  const unmanaged: Plan["unmanaged"] = [];
  for (const type of RESOURCE_TYPES) {
    const want = file[type] as Record<string, Record<string, unknown>>;
    const have = server.config[type] as Record<string, Record<string, unknown>>;
    const managed = new Set(server.managed[type] ?? []);
    for (const name of Object.keys(want).sort()) {
      const spec = want[name]!;
      const current = have[name];
      if (!current) {
        creates.push({ type, name, action: "create", properties: diffEntry(type, spec, {}), spec, secrets: secretPaths(type, spec) });
        continue;
      }
      const properties = diffEntry(type, spec, current, options.resendSecrets);
      if (!managed.has(name)) properties.push({ path: "managedBy", after: "config" });
      if (properties.length === 0) {
        unchanged.push({ type, name });
        continue;
      }
      const secrets = properties.filter((p) => p.after === SECRET_MARK).map((p) => p.path);
      creates.push({ type, name, action: "update", properties, spec, secrets });
    }
    for (const name of Object.keys(have).sort()) {
      if (Object.hasOwn(want, name)) continue;
      if (!managed.has(name)) unmanaged.push({ type, name });
      else if (options.prune) deletes.push({ type, name, action: "delete", properties: [], secrets: [] });
    }
  }
  const order = (c: ResourceChange) => RESOURCE_TYPES.indexOf(c.type);
  deletes.sort((a, b) => order(b) - order(a));
  return { format: PLAN_FORMAT, fingerprint: server.fingerprint, prune: options.prune === true, changes: [...creates, ...deletes], unchanged, unmanaged };
}

/** Managed resources a plan without --prune leaves in place (the file no longer names them). */
export function prunable(file: ConfigFile, server: ServerState): { type: ResourceType; name: string }[] {
  return RESOURCE_TYPES.flatMap((type) => (server.managed[type] ?? []).filter((name) => !Object.hasOwn(file[type], name)).map((name) => ({ type, name })));
}

export function planSummary(plan: Plan): { create: number; update: number; delete: number; unchanged: number } {
  const count = (a: ResourceChange["action"]) => plan.changes.filter((c) => c.action === a).length;
  return { create: count("create"), update: count("update"), delete: count("delete"), unchanged: plan.unchanged.length };
}

export const changeLabel = (c: { type: ResourceType; name: string }) => `${TYPE_LABEL[c.type]} ${c.name}`;

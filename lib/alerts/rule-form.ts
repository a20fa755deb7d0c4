// The rule editor's form state and its conversion to and from a rule (lib/alerts/rule.ts). The form keeps what
// was typed (numbers as text) so nothing is lost on an error; `draftFromForm` parses it with the same zod schema
// the API uses and returns errors keyed by the schema's dotted paths ("condition.thresholdPct").
import { fieldErrors } from "../api/errors";
import { PERCENTILES, RULE_CONDITION_KINDS, ruleInputSchema, type RuleConditionKind, type RuleInput, type Severity } from "./rule";

export interface ConditionFieldSpec {
  key: string;
  label: string;
  hint?: string;
  /** Left empty, the key is left out (optional or defaulted by the schema). */
  optional?: boolean;
  /** The percentile picker; every other field is a number. */
  select?: readonly string[];
}

const windowField: ConditionFieldSpec = { key: "windowMinutes", label: "Window (minutes)", hint: "Runs in this many recent minutes are counted" };
const minSamplesField: ConditionFieldSpec = { key: "minSamples", label: "Minimum runs", hint: "Fewer runs in the window: no decision" };

/** The fields each condition kind asks for, in order, with the values a new rule starts from. */
export const CONDITION_FIELDS: Record<RuleConditionKind, { fields: ConditionFieldSpec[]; defaults: Record<string, string> }> = {
  error_rate: {
    fields: [
      { key: "thresholdPct", label: "Fire above (%)" },
      { key: "resolvePct", label: "Resolve below (%)", optional: true, hint: "Hysteresis; empty resolves at the firing threshold" },
      windowField,
      minSamplesField,
    ],
    defaults: { thresholdPct: "20", resolvePct: "", windowMinutes: "5", minSamples: "5" },
  },
  latency: {
    fields: [
      { key: "percentile", label: "Percentile", select: PERCENTILES },
      { key: "thresholdMs", label: "Fire above (ms)" },
      { key: "resolveMs", label: "Resolve below (ms)", optional: true, hint: "Hysteresis; empty resolves at the firing threshold" },
      windowField,
      minSamplesField,
    ],
    defaults: { percentile: "p95", thresholdMs: "1000", resolveMs: "", windowMinutes: "5", minSamples: "5" },
  },
  consecutive_failures: { fields: [{ key: "count", label: "Failures in a row" }], defaults: { count: "3" } },
  failures_of_last: {
    fields: [
      { key: "failures", label: "Failed runs" },
      { key: "of", label: "Of the last (runs)" },
    ],
    defaults: { failures: "3", of: "10" },
  },
  circuit_open: {
    fields: [{ key: "openForSeconds", label: "Open for longer than (seconds)", hint: "0 fires as soon as the circuit opens" }],
    defaults: { openForSeconds: "0" },
  },
  tls_expiry: { fields: [{ key: "days", label: "Days left below", hint: "Read from the latest TLS probe" }], defaults: { days: "14" } },
  credential_expiry: {
    fields: [
      {
        key: "days",
        label: "Days left below",
        hint: "Read from the latest run: a token expiry the provider reports (GitHub); hourly OAuth2 access tokens do not count",
      },
    ],
    defaults: { days: "14" },
  },
  /** Nothing to set: it fires on the breaking changes lib/mcp/changes classifies. */
  mcp_breaking_change: { fields: [], defaults: {} },
  contract_breaking_change: {
    fields: [
      {
        ...windowField,
        hint: "Fires while a run in this many recent minutes found a key gone or retyped in the response, or a breaking GraphQL schema change",
      },
    ],
    defaults: { windowMinutes: "1440" },
  },
  webhook_silence: { fields: [{ key: "silentMinutes", label: "Nothing received for (minutes)" }], defaults: { silentMinutes: "60" } },
  webhook_failure_rate: {
    fields: [
      { key: "thresholdPct", label: "Fire above (%)" },
      { key: "resolvePct", label: "Resolve below (%)", optional: true, hint: "Hysteresis; empty resolves at the firing threshold" },
      windowField,
      { ...minSamplesField, label: "Minimum deliveries", hint: "Fewer deliveries in the window: no decision" },
    ],
    defaults: { thresholdPct: "10", resolvePct: "", windowMinutes: "15", minSamples: "5" },
  },
};

export type ScopeKind = "integration" | "tag" | "all";

export interface RuleFormState {
  name: string;
  enabled: boolean;
  severity: Severity;
  scopeKind: ScopeKind;
  integrationId: string;
  tag: string;
  conditionKind: RuleConditionKind;
  /** The current kind's fields, as typed. */
  condition: Record<string, string>;
  pendingSeconds: string;
  flapMaxChanges: string;
  flapWindowMinutes: string;
  reminderMinutes: string;
  muteDuringProviderIncident: boolean;
  channelIds: string[];
}

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function formFromRule(rule?: RuleInput): RuleFormState {
  const kind = rule?.condition.kind ?? "error_rate";
  const spec = CONDITION_FIELDS[kind];
  const condition: Record<string, string> = { ...spec.defaults };
  if (rule) for (const f of spec.fields) condition[f.key] = text((rule.condition as Record<string, unknown>)[f.key]);
  return {
    name: rule?.name ?? "",
    enabled: rule?.enabled ?? true,
    severity: rule?.severity ?? "warning",
    scopeKind: rule?.scope.kind ?? "integration",
    integrationId: rule?.scope.kind === "integration" ? rule.scope.integrationId : "",
    tag: rule?.scope.kind === "tag" ? rule.scope.tag : "",
    conditionKind: kind,
    condition,
    pendingSeconds: text(rule?.pendingSeconds ?? 0),
    flapMaxChanges: text(rule?.flapMaxChanges ?? 4),
    flapWindowMinutes: text(rule?.flapWindowMinutes ?? 30),
    reminderMinutes: text(rule?.reminderMinutes ?? 0),
    muteDuringProviderIncident: rule?.muteDuringProviderIncident ?? false,
    channelIds: rule?.channelIds ?? [],
  };
}

/** Switching kind starts that kind from its defaults, keeping values of fields both kinds share (window, samples). */
export function switchConditionKind(state: RuleFormState, kind: RuleConditionKind): RuleFormState {
  const spec = CONDITION_FIELDS[kind];
  const condition: Record<string, string> = {};
  for (const f of spec.fields) condition[f.key] = state.condition[f.key] ?? spec.defaults[f.key] ?? "";
  return { ...state, conditionKind: kind, condition };
}

/** Text to a number for the schema; text that is not a number stays text so the schema reports it. */
function num(s: string): number | string | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The raw object sent to the API (the server parses it again with the same schema). */
export function rawFromForm(s: RuleFormState): Record<string, unknown> {
  const condition: Record<string, unknown> = { kind: s.conditionKind };
  for (const f of CONDITION_FIELDS[s.conditionKind].fields) {
    const v = s.condition[f.key] ?? "";
    const value = f.select ? v : num(v);
    if (value !== undefined) condition[f.key] = value;
  }
  const scope =
    s.scopeKind === "integration"
      ? { kind: "integration", integrationId: s.integrationId }
      : s.scopeKind === "tag"
        ? { kind: "tag", tag: s.tag }
        : { kind: "all" };
  return {
    name: s.name,
    enabled: s.enabled,
    severity: s.severity,
    scope,
    condition,
    pendingSeconds: num(s.pendingSeconds),
    flapMaxChanges: num(s.flapMaxChanges),
    flapWindowMinutes: num(s.flapWindowMinutes),
    reminderMinutes: num(s.reminderMinutes),
    muteDuringProviderIncident: s.muteDuringProviderIncident,
    channelIds: s.channelIds,
  };
}

export type DraftResult = { ok: true; rule: RuleInput; errors: Record<string, never> } | { ok: false; rule: null; errors: Record<string, string[]> };

/** Parses the form with the API's schema; errors are keyed by dotted path, as the API reports them. */
export function draftFromForm(s: RuleFormState): DraftResult {
  const parsed = ruleInputSchema.safeParse(rawFromForm(s));
  if (parsed.success) return { ok: true, rule: parsed.data, errors: {} };
  const errors = fieldErrors(parsed.error);
  // zod's type errors read "expected number, received string"; say what is wrong with what was typed instead.
  const typed: [string, string, boolean][] = [
    ...CONDITION_FIELDS[s.conditionKind].fields
      .filter((f) => !f.select)
      .map((f): [string, string, boolean] => [`condition.${f.key}`, s.condition[f.key] ?? "", !!f.optional]),
    ...(["pendingSeconds", "flapMaxChanges", "flapWindowMinutes", "reminderMinutes"] as const).map((k): [string, string, boolean] => [k, s[k], true]),
  ];
  for (const [path, value, optional] of typed) {
    if (!errors[path]) continue;
    if (value.trim() === "" && !optional) errors[path] = ["Enter a value"];
    else if (value.trim() !== "" && !Number.isFinite(Number(value.trim()))) errors[path] = ["Enter a number"];
  }
  return { ok: false, rule: null, errors };
}

export const isConditionKind = (k: string): k is RuleConditionKind => (RULE_CONDITION_KINDS as string[]).includes(k);

/** The integrations a scope covers, as the engine resolves it (enabled ones), for the backtest's chart picker. */
export function integrationsInScope<T extends { id: string; enabled: boolean; tags: string[] }>(scope: RuleInput["scope"], integrations: readonly T[]): T[] {
  if (scope.kind === "integration") return integrations.filter((i) => i.id === scope.integrationId);
  return integrations.filter((i) => i.enabled && (scope.kind === "all" || i.tags.includes(scope.tag)));
}

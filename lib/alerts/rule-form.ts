// The rule editor's form state and its conversion to and from a rule (lib/alerts/rule.ts). The form keeps what
// was typed (numbers as text) so nothing is lost on an error; `draftFromForm` parses it with the same zod schema
// the API uses and returns errors keyed by the schema's dotted paths ("condition.thresholdPct").
import { fieldErrors } from "../api/errors";
import {
  BURN_RATE_PRESETS,
  PERCENTILES,
  RULE_CONDITION_KINDS,
  ruleInputSchema,
  type BurnWindow,
  type RuleConditionKind,
  type RuleInput,
  type Severity,
} from "./rule";

export interface ConditionFieldSpec {
  key: string;
  label: string;
  hint?: string;
  /** Left empty, the key is left out (optional or defaulted by the schema). */
  optional?: boolean;
  /** The percentile picker; every other field is a number. */
  select?: readonly string[];
  /** Picked from the SLOs the editor loads, by id. */
  source?: "slo";
}

/** Burn-rate window pairs are edited as flat fields w0.factor, w0.longMinutes, ... (two pairs; the second optional). */
const BURN_PAIRS = 2;
const burnFields = (i: number): ConditionFieldSpec[] => {
  const optional = i > 0;
  const n = i + 1;
  return [
    {
      key: `w${i}.factor`,
      label: `Pair ${n}: burn rate above (×)`,
      optional,
      hint: i === 0 ? "1× spends the whole budget over the SLO's window" : "Leave pair 2 empty for one pair",
    },
    { key: `w${i}.longMinutes`, label: `Pair ${n}: long window (minutes)`, optional },
    {
      key: `w${i}.shortMinutes`,
      label: `Pair ${n}: short window (minutes)`,
      optional,
      hint: i === 0 ? "Both windows must burn above the rate; the short one resolves it" : undefined,
    },
  ];
};

/** The form's fields for a preset's pairs (SRE Workbook defaults), the second pair empty when there is one. */
export function burnPresetFields(windows: readonly BurnWindow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < BURN_PAIRS; i++) {
    const w = windows[i];
    out[`w${i}.factor`] = w ? String(w.factor) : "";
    out[`w${i}.longMinutes`] = w ? String(w.longMinutes) : "";
    out[`w${i}.shortMinutes`] = w ? String(w.shortMinutes) : "";
  }
  return out;
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
  slo_burn_rate: {
    fields: [
      { key: "sloId", label: "SLO", source: "slo", hint: "Watches the integrations the SLO covers, within the rule's scope" },
      ...Array.from({ length: BURN_PAIRS }, (_, i) => burnFields(i)).flat(),
      { ...minSamplesField, hint: "Fewer runs in either window of a pair: that pair makes no decision" },
    ],
    defaults: { sloId: "", ...burnPresetFields(BURN_RATE_PRESETS.page), minSamples: "5" },
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
  if (rule?.condition.kind === "slo_burn_rate") Object.assign(condition, burnPresetFields(rule.condition.windows));
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

/** The editor's burn-rate preset buttons: each names its pairs, so the label is the reading of what it fills. */
export const BURN_PRESET_BUTTONS = [
  { id: "page", label: "Page (14.4× over 1 h & 5 min, 6× over 6 h & 30 min)", windows: BURN_RATE_PRESETS.page },
  { id: "ticket", label: "Ticket (1× over 3 d & 6 h)", windows: BURN_RATE_PRESETS.ticket },
] as const;

/** Fills the window pairs from a preset (clearing pair 2 for a one-pair preset); every other field is kept, and all stay editable. */
export function applyBurnPreset(state: RuleFormState, windows: readonly BurnWindow[]): RuleFormState {
  return { ...state, condition: { ...state.condition, ...burnPresetFields(windows) } };
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
    if (/^w\d\./.test(f.key)) continue;
    const v = s.condition[f.key] ?? "";
    const value = f.select || f.source ? v : num(v);
    if (value !== undefined) condition[f.key] = value;
  }
  if (s.conditionKind === "slo_burn_rate") {
    const pair = (i: number) => ["factor", "longMinutes", "shortMinutes"].map((k) => [k, s.condition[`w${i}.${k}`] ?? ""] as const);
    // A pair left wholly empty is left out; a partly filled one goes to the schema, which names what is missing.
    condition.windows = Array.from({ length: BURN_PAIRS }, (_, i) => pair(i))
      .filter((p) => p.some(([, v]) => v.trim() !== ""))
      .map((p) => Object.fromEntries(p.map(([k, v]) => [k, num(v)])));
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
  // Burn-rate pairs are flat fields in the form: condition.windows.0.factor is shown under condition.w0.factor.
  const errors = Object.fromEntries(
    Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k.replace(/^condition\.windows\.(\d+)\./, "condition.w$1."), v]),
  );
  // zod's type errors read "expected number, received string"; say what is wrong with what was typed instead.
  const typed: [string, string, boolean][] = [
    ...CONDITION_FIELDS[s.conditionKind].fields
      .filter((f) => !f.select && !f.source)
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

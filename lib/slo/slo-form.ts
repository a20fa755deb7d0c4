// The SLO form's state (numbers kept as typed, so nothing is lost on an error) and its parse with the API's own
// schema; errors come back keyed by the schema's dotted paths ("scope.tag", "sli.thresholdMs").
import { fieldErrors } from "../api/errors";
import { sloInputSchema, type SloInput, type SloWindow } from "./slo";

export type SloScopeKind = "integration" | "tag" | "integrations";

export interface SloFormState {
  name: string;
  scopeKind: SloScopeKind;
  integrationId: string;
  tag: string;
  integrationIds: string[];
  objectivePct: string;
  window: SloWindow;
  sliKind: "availability" | "latency";
  thresholdMs: string;
  slaPct: string;
}

export function formFromSlo(slo?: SloInput): SloFormState {
  return {
    name: slo?.name ?? "",
    scopeKind: slo?.scope.kind ?? "integration",
    integrationId: slo?.scope.kind === "integration" ? slo.scope.integrationId : "",
    tag: slo?.scope.kind === "tag" ? slo.scope.tag : "",
    integrationIds: slo?.scope.kind === "integrations" ? slo.scope.integrationIds : [],
    objectivePct: String(slo?.objectivePct ?? 99.9),
    window: slo?.window ?? "rolling_30d",
    sliKind: slo?.sli.kind ?? "availability",
    thresholdMs: slo?.sli.kind === "latency" ? String(slo.sli.thresholdMs) : "500",
    slaPct: slo?.slaPct === null || slo?.slaPct === undefined ? "" : String(slo.slaPct),
  };
}

/** Text to a number for the schema; text that is not a number stays text so the schema reports it. */
function num(s: string): number | string | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function rawFromForm(s: SloFormState): Record<string, unknown> {
  const scope =
    s.scopeKind === "integration"
      ? { kind: "integration", integrationId: s.integrationId }
      : s.scopeKind === "tag"
        ? { kind: "tag", tag: s.tag }
        : { kind: "integrations", integrationIds: s.integrationIds };
  return {
    name: s.name,
    scope,
    objectivePct: num(s.objectivePct),
    window: s.window,
    sli: s.sliKind === "latency" ? { kind: "latency", thresholdMs: num(s.thresholdMs) } : { kind: "availability" },
    slaPct: num(s.slaPct) ?? null,
  };
}

export type SloDraft = { ok: true; slo: SloInput; errors: Record<string, never> } | { ok: false; slo: null; errors: Record<string, string[]> };

export function draftFromForm(s: SloFormState): SloDraft {
  const parsed = sloInputSchema.safeParse(rawFromForm(s));
  if (parsed.success) return { ok: true, slo: parsed.data, errors: {} };
  const errors = fieldErrors(parsed.error);
  // zod's type errors read "expected number, received string"; say what is wrong with what was typed instead.
  const typed: [string, string, boolean][] = [
    ["objectivePct", s.objectivePct, false],
    ["sli.thresholdMs", s.thresholdMs, false],
    ["slaPct", s.slaPct, true],
  ];
  for (const [path, value, optional] of typed) {
    if (!errors[path]) continue;
    if (value.trim() === "" && !optional) errors[path] = ["Enter a value"];
    else if (value.trim() !== "" && !Number.isFinite(Number(value.trim()))) errors[path] = ["Enter a number"];
  }
  if (errors["scope.integrationId"] && !s.integrationId) errors["scope.integrationId"] = ["Choose an integration"];
  return { ok: false, slo: null, errors };
}

// The integration form's state, as typed (numbers as text, so nothing entered is lost on an error), and its
// conversion to and from an integration input. The kind's part is converted by the kind: HTTP by its own form
// mapping (lib/probes/http/form.ts), every other kind by its catalogue fields (lib/probes/kind-form.ts). Pure.
import { httpConfigFromForm, httpFormFromConfig, type HttpFormState } from "../probes/http/form";
import { configFromRaw, optionalNumber, rawFromConfig, type RawConfig } from "../probes/kind-form";
import { isIntegrationKind } from "../probes/kinds";
import type { HttpConfig } from "../probes/http/config";
import { INTEGRATION_DEFAULTS, type IntegrationInputRaw } from "./integration-input";

export interface FormState {
  name: string;
  /** A string, not a kind: a stored integration may be of a kind this version does not know. */
  kind: string;
  tags: string;
  intervalSeconds: string;
  timeoutMs: string;
  retryAttempts: string;
  backoffInitialMs: string;
  backoffMaxMs: string;
  breakerThreshold: string;
  breakerCooldownSeconds: string;
  enabled: boolean;
  /** Where it is probed from (TETHER_LOCATION slugs); empty: by any worker. */
  locations: string[];
  /** How many of the locations must fail for "down", as typed; empty: all of them. */
  quorum: string;
  /** What was typed for HTTP, kept when another kind is chosen in case they switch back. */
  http: HttpFormState;
  /** The connection fields of other kinds, as typed. */
  kindConfig: RawConfig;
}

/** The raw config a newly chosen kind starts from (HTTP keeps its own part of the state). */
export const kindConfigFor = (kind: string): RawConfig => (kind !== "http" && isIntegrationKind(kind) ? rawFromConfig(kind, undefined) : {});

export function formFromInput(input?: IntegrationInputRaw): FormState {
  const d = INTEGRATION_DEFAULTS;
  return {
    name: input?.name ?? "",
    kind: input?.kind ?? "http",
    tags: (input?.tags ?? []).join(", "),
    intervalSeconds: String(input?.intervalSeconds ?? d.intervalSeconds),
    timeoutMs: String(input?.timeoutMs ?? d.timeoutMs),
    retryAttempts: String(input?.retryAttempts ?? d.retryAttempts),
    backoffInitialMs: String(input?.backoffInitialMs ?? d.backoffInitialMs),
    backoffMaxMs: String(input?.backoffMaxMs ?? d.backoffMaxMs),
    breakerThreshold: String(input?.breakerThreshold ?? d.breakerThreshold),
    breakerCooldownSeconds: String(input?.breakerCooldownSeconds ?? d.breakerCooldownSeconds),
    enabled: input?.enabled ?? d.enabled,
    locations: [...(input?.locations ?? [])],
    quorum: input?.quorum == null ? "" : String(input.quorum),
    http: httpFormFromConfig(input?.kind === "http" ? (input.config as Partial<HttpConfig>) : undefined),
    kindConfig: input && input.kind !== "http" && isIntegrationKind(input.kind) ? rawFromConfig(input.kind, input.config as Record<string, unknown>) : {},
  };
}

/** The input to validate and send, and errors for text that cannot be converted (e.g. bad JSON), keyed like the schema's. */
export function inputFromForm(s: FormState): { input: IntegrationInputRaw; errors: Record<string, string[]> } {
  const base = {
    name: s.name,
    tags: s.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    intervalSeconds: optionalNumber(s.intervalSeconds) as number,
    timeoutMs: optionalNumber(s.timeoutMs) as number,
    retryAttempts: optionalNumber(s.retryAttempts),
    backoffInitialMs: optionalNumber(s.backoffInitialMs),
    backoffMaxMs: optionalNumber(s.backoffMaxMs),
    breakerThreshold: optionalNumber(s.breakerThreshold),
    breakerCooldownSeconds: optionalNumber(s.breakerCooldownSeconds),
    enabled: s.enabled,
    locations: s.locations,
    // Sent as null when cleared, so an edit (a PATCH merged with what is stored) can take a quorum away.
    quorum: optionalNumber(s.quorum) ?? null,
  };
  if (s.kind === "http") return { input: { ...base, kind: "http", config: httpConfigFromForm(s.http) }, errors: {} };
  const converted = isIntegrationKind(s.kind) ? configFromRaw(s.kind, s.kindConfig) : { config: {}, errors: {} };
  return { input: { ...base, kind: s.kind, config: converted.config } as IntegrationInputRaw, errors: converted.errors };
}

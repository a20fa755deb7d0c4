// Converts a kind's config to the text a form edits and back, following the catalogue's field specs. Pure,
// so the form keeps exactly what was typed and the conversion is tested without a browser.
import { KIND_INFO, type IntegrationKind } from "./kinds";
import type { FieldSpec } from "./shared/kind-info";
import { assertionFromRow, rowFromAssertion, type AssertionRow } from "./shared/assertions/form";
import type { Assertion } from "./shared/assertions/schema";

export type RawConfig = Record<string, string | boolean>;

/** The rows an `assertions` field holds (its raw text is their JSON); none for blank or unreadable text. */
export function assertionRowsOf(text: string | boolean | undefined): AssertionRow[] {
  if (typeof text !== "string" || text.trim() === "") return [];
  try {
    const rows = JSON.parse(text) as unknown;
    return Array.isArray(rows) ? (rows as AssertionRow[]) : [];
  } catch {
    return [];
  }
}

/** A number typed as text; blank means "not given". */
export const optionalNumber = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

function get(obj: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
}

/** The fields shown for a raw config (conditional fields follow what is typed). */
export function visibleFields(kind: IntegrationKind, raw: RawConfig): FieldSpec[] {
  const view = toLooseConfig(kind, raw);
  return KIND_INFO[kind].fields.filter((f) => !f.showIf || f.showIf(view));
}

function toLooseConfig(kind: IntegrationKind, raw: RawConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of KIND_INFO[kind].fields) if (raw[f.key] !== undefined) set(out, f.key, raw[f.key]);
  return out;
}

export function rawFromConfig(kind: IntegrationKind, config: Record<string, unknown> | undefined): RawConfig {
  const source = { ...KIND_INFO[kind].defaults, ...(config ?? {}) };
  const raw: RawConfig = {};
  for (const f of KIND_INFO[kind].fields) {
    const v = get(source, f.key);
    if (f.type === "switch") raw[f.key] = v === true;
    else if (v === undefined || v === null) raw[f.key] = "";
    else if (f.type === "lines") raw[f.key] = Array.isArray(v) ? v.join("\n") : String(v);
    else if (f.type === "headers") raw[f.key] = Array.isArray(v) ? (v as { name: string; value: string }[]).map((h) => `${h.name}: ${h.value}`).join("\n") : "";
    else if (f.type === "assertions") raw[f.key] = JSON.stringify(Array.isArray(v) ? (v as Assertion[]).map(rowFromAssertion) : []);
    else if (f.type === "json") raw[f.key] = typeof v === "object" && Object.keys(v as object).length > 0 ? JSON.stringify(v, null, 2) : "";
    else raw[f.key] = String(v);
  }
  return raw;
}

/** The config to send, and errors for text that cannot be converted (e.g. bad JSON), keyed `config.<key>`. */
export function configFromRaw(kind: IntegrationKind, raw: RawConfig): { config: Record<string, unknown>; errors: Record<string, string[]> } {
  const config: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const f of visibleFields(kind, raw)) {
    const v = raw[f.key];
    if (f.type === "switch") {
      set(config, f.key, v === true);
      continue;
    }
    if (f.type === "assertions") {
      set(config, f.key, assertionRowsOf(v).map(assertionFromRow));
      continue;
    }
    const text = typeof v === "string" ? v : "";
    if (text.trim() === "") {
      // Empty list-like fields are empty lists; other empty fields are left out (optional or defaulted).
      if (f.type === "lines" || f.type === "headers") set(config, f.key, []);
      continue;
    }
    if (f.type === "number") set(config, f.key, Number(text));
    else if (f.type === "lines")
      set(
        config,
        f.key,
        text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      );
    else if (f.type === "headers") {
      const headers = text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => {
          const at = l.indexOf(":");
          return at < 0 ? { name: l.trim(), value: "" } : { name: l.slice(0, at).trim(), value: l.slice(at + 1).trim() };
        });
      set(config, f.key, headers);
    } else if (f.type === "json") {
      try {
        set(config, f.key, JSON.parse(text));
      } catch {
        errors[`config.${f.key}`] = ["Not valid JSON"];
      }
    } else set(config, f.key, text);
  }
  return { config, errors };
}

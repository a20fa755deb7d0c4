// What each probe kind tells the rest of the app about itself: its config schema, name, defaults, form fields and
// one-line target. Pure (zod only): the catalogue built from these validates the API and drives the form in the browser.
import type { z } from "zod";

/** A form field for a config key (dotted for nested keys). Values are edited as text and converted on submit. */
export type FieldSpec = {
  key: string;
  label: string;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  /** Shown only when this returns true for the current (raw) config. */
  showIf?: (config: Record<string, unknown>) => boolean;
} & (
  | { type: "text" | "password" | "textarea" | "number" | "switch" }
  | { type: "select"; options: readonly { value: string; label: string }[] }
  /** One value per line. */
  | { type: "lines" }
  /** "Name: value" per line, as a header list. */
  | { type: "headers" }
  /** A JSON object. */
  | { type: "json" }
  /** The shared assertion list (../shared/assertions), edited as rows; kept in the raw config as the rows' JSON. */
  | { type: "assertions" }
);

export interface KindInfo<Schema extends z.ZodType = z.ZodType> {
  /** Parses the `config` of an integration of this kind at every boundary (API, form, seed, stored row). */
  configSchema: Schema;
  label: string;
  description: string;
  /** Default raw config for a new integration of this kind. */
  defaults: Record<string, unknown>;
  /** The generated form's fields; empty for a kind with its own form (HTTP). */
  fields: FieldSpec[];
  /** One line naming the target, for lists. Never includes credentials. */
  target: (config: Record<string, unknown>) => string;
}

/** Keeps the schema's own type, so the catalogue knows each kind's parsed config. */
export const defineKind = <Schema extends z.ZodType>(info: KindInfo<Schema>): KindInfo<Schema> => info;

/** "host:port", or "host" when no port is set. */
export const hostAndPort = (c: Record<string, unknown>) => `${c.host ?? "?"}${c.port ? `:${c.port}` : ""}`;
export const SECRET_HINT = "Use {{secret.NAME}} and set the value under Secrets on the integration page";
export const THRESHOLD_HINT = "Optional: the check fails above this";

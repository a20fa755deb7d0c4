// Variable references and literal credentials become secrets to fill, written as {{secret.NAME}}: ${VAR},
// ${VAR:-default}, ${env:NAME}, ${input:id} (VS Code inputs: the description becomes the hint), Continue's
// ${{ secrets.NAME }}, Gemini's bare $VAR, and a literal env or header value (moved to a secret named from its key;
// the value found is kept only as `found`, for the preview's prefill). ${workspaceFolder} and ${userHome} are paths,
// resolved when known. The output never holds a value from the file where a secret belongs.
import type { InputDecl } from "./model";

export interface SecretToFill {
  name: string;
  /** Where its value came from in the client's config, for a person, e.g. "environment variable GITHUB_TOKEN". */
  from: string;
  /** A hint for the person filling it (a VS Code input's description). */
  hint?: string;
  /** A value the file itself holds (a literal, or a ${VAR:-default}): offered to prefill, only in the preview answer. */
  found?: string;
  /** True when the client itself treats it as a password (VS Code `password: true`); a literal value always is. */
  password: boolean;
}

export interface VariableContext {
  inputs: ReadonlyMap<string, InputDecl>;
  dir?: string;
  home?: string;
  bareDollar?: boolean;
}

/** The secrets feature's naming rule (lib/secrets/store.ts secretNameSchema): capitals, digits, _, a letter first, at most 64. */
export const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

export function secretNameFrom(raw: string): string {
  let name = raw
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!/^[A-Z]/.test(name)) name = `S_${name}`.replace(/_+$/, "");
  return name.slice(0, 64).replace(/_+$/, "") || "SECRET";
}

/** Collects a server's secrets: one per source (the same env var twice is one secret), names unique within the server. */
export class SecretCollector {
  readonly secrets: SecretToFill[] = [];
  readonly #bySource = new Map<string, string>();

  add(source: string, suggested: string, info: Omit<SecretToFill, "name">): string {
    const known = this.#bySource.get(source);
    if (known) {
      const s = this.secrets.find((x) => x.name === known)!;
      if (s.found === undefined && info.found !== undefined) s.found = info.found;
      return known;
    }
    const base = secretNameFrom(suggested);
    let name = base;
    for (let i = 2; this.secrets.some((s) => s.name === name); i++) name = `${base.slice(0, 60)}_${i}`;
    this.secrets.push({ name, ...info });
    this.#bySource.set(source, name);
    return name;
  }
}

const REFERENCE = /\$\{\{\s*secrets\.([A-Za-z0-9_.-]+)\s*\}\}|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Auth schemes kept in front of a literal credential: `Authorization: Bearer sk-…` becomes `Bearer {{secret.AUTHORIZATION}}`. */
const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot|ApiKey|Api-Key)\s+(\S.*)$/i;

const placeholder = (name: string) => `{{secret.${name}}}`;

/**
 * Rewrites one value. `literal` names the env or header key whose plain value is itself a secret (args, URLs and
 * commands keep their literal text). Unknown references are left as written, with a warning.
 */
export function translateValue(
  value: string,
  ctx: VariableContext,
  secrets: SecretCollector,
  warnings: string[],
  literal?: { what: "env" | "header"; key: string },
): string {
  let sawReference = false;
  const out = value.replace(REFERENCE, (match: string, continueName?: string, inner?: string, bare?: string) => {
    if (continueName !== undefined) {
      sawReference = true;
      return placeholder(secrets.add(`secret:${continueName}`, continueName, { from: `Continue secret ${continueName}`, password: true }));
    }
    if (bare !== undefined) {
      if (!ctx.bareDollar) return match;
      sawReference = true;
      return placeholder(secrets.add(`env:${bare}`, bare, { from: `environment variable ${bare}`, password: true }));
    }
    const ref = (inner ?? "").trim();
    // Any ${...} makes the value a template, not a literal credential.
    sawReference = true;
    if (ref.startsWith("env:")) {
      const name = ref.slice(4).trim();
      sawReference = true;
      return placeholder(secrets.add(`env:${name}`, name, { from: `environment variable ${name}`, password: true }));
    }
    if (ref.startsWith("input:")) {
      const id = ref.slice(6).trim();
      const input = ctx.inputs.get(id);
      sawReference = true;
      if (!input) warnings.push(`\${input:${id}} refers to no input in this file`);
      return placeholder(
        secrets.add(`input:${id}`, id, {
          from: `VS Code input ${id}`,
          ...(input?.description ? { hint: input.description } : {}),
          password: input ? input.password || input.type !== "pickString" : true,
        }),
      );
    }
    if (ref === "workspaceFolder" || ref === "workspaceRoot") {
      if (ctx.dir) return ctx.dir;
      warnings.push(`\${${ref}} is left as written: the project directory is not known here; edit it after import`);
      return match;
    }
    if (ref === "userHome" || ref === "HOME") {
      if (ctx.home) return ctx.home;
      if (ref === "userHome") {
        warnings.push("${userHome} is left as written: the home directory is not known here");
        return match;
      }
    }
    const withDefault = /^([A-Za-z_][A-Za-z0-9_]*):-(.*)$/s.exec(ref);
    if (withDefault) {
      const [, name, fallback] = withDefault;
      sawReference = true;
      return placeholder(secrets.add(`env:${name}`, name!, { from: `environment variable ${name}`, password: true, ...(fallback ? { found: fallback } : {}) }));
    }
    if (ENV_NAME.test(ref)) {
      sawReference = true;
      return placeholder(secrets.add(`env:${ref}`, ref, { from: `environment variable ${ref}`, password: true }));
    }
    warnings.push(`${match} is not a variable Tether knows; it is left as written`);
    return match;
  });
  if (sawReference || !literal || value.trim() === "") return out;
  // A literal credential: the value moves to a secret, an auth scheme stays in front of it.
  const scheme = literal.what === "header" ? AUTH_SCHEME.exec(value) : null;
  const name = secrets.add(`literal:${literal.what}:${literal.key}`, literal.key, {
    from: `the value of ${literal.what === "env" ? "env" : "header"} ${literal.key} in the file`,
    found: scheme ? scheme[2]! : value,
    password: true,
  });
  return scheme ? `${scheme[1]} ${placeholder(name)}` : placeholder(name);
}

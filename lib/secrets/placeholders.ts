// {{secret.NAME}} placeholders: found in stored config, filled in only for the outgoing request, and any
// secret value that comes back (an echoing server, an error message) is scrubbed before anything is stored.
import { REDACTED, type SecretValue } from "./secret-value";

const PLACEHOLDER = /\{\{\s*secret\.([A-Z][A-Z0-9_]*)\s*\}\}/g;

export function referencedSecrets(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export class MissingSecretError extends Error {
  constructor(readonly names: string[]) {
    super(`Secret${names.length > 1 ? "s" : ""} ${names.join(", ")} ${names.length > 1 ? "are" : "is"} referenced but not set`);
  }
}

/** Replaces placeholders in every string of a JSON-like value. Throws MissingSecretError naming what is absent. */
export function fillSecrets<T>(value: T, secrets: ReadonlyMap<string, SecretValue>): T {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string")
      return v.replace(PLACEHOLDER, (_m, name: string) => {
        const secret = secrets.get(name);
        if (!secret) {
          missing.add(name);
          return "";
        }
        return secret.reveal();
      });
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const filled = walk(value) as T;
  if (missing.size > 0) throw new MissingSecretError([...missing]);
  return filled;
}

/** Removes every secret value (and its common encodings) from every string of a JSON-like value. */
export function scrubSecrets<T>(value: T, secrets: ReadonlyMap<string, SecretValue>): T {
  const needles = [...secrets.values()]
    .map((s) => s.reveal())
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64")])
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return needles.reduce((acc, n) => acc.split(n).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

// Schema fingerprints: a stable hash of a tool definition in canonical form (object keys sorted at every depth,
// so key order never changes a fingerprint; array order does, since it can carry meaning), and one of a whole set.
import { createHash } from "node:crypto";
import safeStableStringify from "safe-stable-stringify";
import type { ToolDefinition } from "../types";

/** The canonical JSON text of a value: keys sorted at every depth, undefined members left out. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? "null";
}

// Deterministic (sorted keys) and safe against a cycle, which parsed JSON never has but a caller's object might.
const stringify = safeStableStringify.configure({ deterministic: true, bigint: true });

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The fingerprint of one tool's whole definition (name, schemas, texts, annotations). */
export function toolFingerprint(tool: ToolDefinition): string {
  return sha256(canonicalJson(tool));
}

/** The fingerprint of a tool list: the same tools in any order give the same fingerprint. */
export function setFingerprint(tools: readonly ToolDefinition[]): string {
  const parts = tools.map((t) => `${t.name}\u0000${toolFingerprint(t)}`).sort();
  return sha256(parts.join("\n"));
}

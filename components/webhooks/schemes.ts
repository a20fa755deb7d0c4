// The verification schemes as the source forms offer them, read from the catalogue (lib/webhooks/verification/config.ts).
import { VERIFICATION_KINDS, VERIFICATION_SCHEMES, type VerificationKind } from "@/lib/webhooks/verification/config";

export const SCHEMES = VERIFICATION_KINDS.map((kind) => ({ value: kind, label: VERIFICATION_SCHEMES[kind].label }));

const isKind = (kind: string): kind is VerificationKind => kind in VERIFICATION_SCHEMES;

/** The scheme's catalogue entry, or null for a kind this build does not know (a row written by a newer one). */
export function schemeInfo(kind: string) {
  return isKind(kind) ? VERIFICATION_SCHEMES[kind] : null;
}

/** The settings placeholder: what the scheme needs filled in, or the empty object when its defaults do. */
export function configPlaceholder(kind: string): string {
  const example = schemeInfo(kind)?.configExample;
  return example ? JSON.stringify(example, null, 2) : "{}";
}

/** The settings field's text as an object (empty text is `{}`), or undefined when it is not JSON. */
export function parseConfigText(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

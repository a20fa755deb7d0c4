// Strict decoding of signatures as they appear in headers. Node's own decoders skip characters they do not know
// (Buffer.from("zz", "hex") is empty, not an error), which would let garbage reach the comparison looking like
// a short or empty signature; these return null instead, so garbage is reported as a malformed header.

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Bytes of an even-length hex string (either case), or null. */
export function decodeHex(text: string): Buffer | null {
  return HEX.test(text) ? Buffer.from(text, "hex") : null;
}

/**
 * Bytes of padded standard base64, or null. The round trip rejects non-canonical text (wrong padding, stray
 * bits in the last character), so each signature has exactly one accepted spelling.
 */
export function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}

export function decode(encoding: "hex" | "base64", text: string): Buffer | null {
  return encoding === "hex" ? decodeHex(text) : decodeBase64(text);
}

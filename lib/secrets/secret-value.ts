// A decrypted secret that cannot be printed by accident: every way JavaScript turns it into text (String,
// templates, JSON.stringify, util.inspect, console.log) yields "[redacted]"; only `.reveal()` gives the plaintext.

export const REDACTED = "[redacted]";

// Symbol.for rather than `util.inspect.custom` keeps this module free of node:util; it is the same symbol.
const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

export class SecretValue {
  // A #private field is invisible to Object.keys, spread, structuredClone and property-walking loggers.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plaintext, for the single call site that sends it (an Authorization header, an HMAC key). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspectCustom](): string {
    return REDACTED;
  }
}

/** Wraps a plaintext secret; passing a SecretValue through returns it unchanged. */
export function redact(value: string | SecretValue): SecretValue {
  return value instanceof SecretValue ? value : new SecretValue(value);
}

// Converts a channel's config to the text its form edits and back, following the catalogue's field specs. Pure,
// so the form keeps what was typed and the conversion is tested without a browser. Secret fields always start
// blank: the API never returns them, and a blank one is kept as it is on save.
import { CHANNEL_INFO, type ChannelKind } from "./kinds";

export type RawChannelConfig = Record<string, string>;

export function rawFromChannelConfig(kind: ChannelKind, config: Record<string, unknown> | undefined): RawChannelConfig {
  const source = { ...CHANNEL_INFO[kind].defaults, ...(config ?? {}) };
  const secret = new Set<string>(CHANNEL_INFO[kind].secretFields);
  const raw: RawChannelConfig = {};
  for (const f of CHANNEL_INFO[kind].fields) {
    const v = secret.has(f.key) ? undefined : source[f.key];
    raw[f.key] = v === undefined || v === null ? "" : Array.isArray(v) ? v.join("\n") : String(v);
  }
  return raw;
}

/** The config to send. Blank fields are sent blank: the server treats that as "unset" (or, for a secret, "keep"). */
export function channelConfigFromRaw(kind: ChannelKind, raw: RawChannelConfig): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of CHANNEL_INFO[kind].fields) {
    const text = (raw[f.key] ?? "").trim();
    if (f.type === "lines")
      config[f.key] = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (f.type === "number") config[f.key] = text === "" ? "" : Number(text);
    else config[f.key] = text;
  }
  return config;
}

/**
 * Field errors as the form shows them: the API's `config.to.1` becomes `to` (the field holding the list), and
 * only the first message per field is kept.
 */
export function channelFieldErrors(fields: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fields)) {
    const key = path.startsWith("config.") ? path.split(".")[1]! : path;
    out[key] ??= messages[0] ?? "Invalid";
  }
  return out;
}

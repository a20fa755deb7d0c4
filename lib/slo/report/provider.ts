// Which provider an integration belongs to, for the per-provider report: the preset whose API domain its target
// is on (a Stripe check at api.stripe.com is "Stripe", whichever preset made it), else its host, else its kind.
import { PROVIDER_IDS, PROVIDER_PRESETS } from "../../probes/http/presets";

/** The last two labels of a host: the part every host of one provider shares (api.datadoghq.com → datadoghq.com). */
function baseDomain(host: string): string {
  return host.toLowerCase().split(".").slice(-2).join(".");
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** Each preset's label under every base domain its request or its variants call. */
const PRESET_DOMAINS: [string, string][] = PROVIDER_IDS.flatMap((id) => {
  const p = PROVIDER_PRESETS[id];
  const urls = [p.config.url, ...(p.variants?.options.flatMap((v) => (v.origin ? [v.origin] : [])) ?? [])];
  return urls.flatMap((u) => {
    const host = hostOf(u);
    return host ? [[baseDomain(host), p.label] as [string, string]] : [];
  });
});

/** The host an integration's check talks to: the URL's for URL kinds, `host` for the others; null for stdio MCP. */
export function targetHost(config: unknown): string | null {
  if (typeof config !== "object" || config === null) return null;
  const c = config as Record<string, unknown>;
  if (typeof c.url === "string") return hostOf(c.url.replace(/\{\{[^}]*\}\}/g, "x"));
  if (typeof c.host === "string" && c.host.trim()) return c.host.trim().toLowerCase();
  return null;
}

export function providerOf(integration: { kind: string; config: unknown }): string {
  const host = targetHost(integration.config);
  if (!host) return `Other (${integration.kind})`;
  const base = baseDomain(host);
  return PRESET_DOMAINS.find(([d]) => d === base)?.[1] ?? host;
}

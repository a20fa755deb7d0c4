// What the provider-status card says, decided purely from the stored reading: the tone, the label and the sentence.
import { PROVIDER_IDS, PROVIDER_PRESETS } from "../../probes/http/presets";
import type { StatusIndicator, StatusReading } from "./reading";

export type StatusTone = "ok" | "warn" | "bad" | "accent" | "neutral";

export const INDICATOR_VIEW: Record<StatusIndicator, { label: string; tone: StatusTone }> = {
  operational: { label: "Operational", tone: "ok" },
  degraded: { label: "Degraded", tone: "warn" },
  partial_outage: { label: "Partial outage", tone: "bad" },
  major_outage: { label: "Major outage", tone: "bad" },
  maintenance: { label: "Maintenance", tone: "accent" },
  unknown: { label: "Unknown", tone: "neutral" },
};

/** The preset's label for a status URL it or one of its variants names ("GitHub"), else the page's own name, else its host. */
export function providerLabelFor(url: string, pageName?: string | null): string {
  const preset = PROVIDER_IDS.map((id) => PROVIDER_PRESETS[id]).find((p) => p.config.statusUrl === url || p.variants?.options.some((v) => v.statusUrl === url));
  if (preset) return preset.label;
  if (pageName) return pageName;
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export interface ProviderStatusView {
  provider: string;
  label: string;
  tone: StatusTone;
  /** "GitHub reports: Partial System Outage", or a calm word when the page could not be read. */
  headline: string;
  incidents: StatusReading["incidents"];
  fetchedAt: string | null;
}

export function providerStatusView(url: string, reading: StatusReading | null): ProviderStatusView {
  const provider = providerLabelFor(url, reading?.pageName);
  if (!reading) return { provider, ...INDICATOR_VIEW.unknown, headline: `${provider}'s status page has not been read yet.`, incidents: [], fetchedAt: null };
  const { label, tone } = INDICATOR_VIEW[reading.indicator];
  const headline =
    reading.indicator === "unknown"
      ? `${provider}'s own status is unknown (${reading.description}).`
      : `${provider} reports: ${label} — ${reading.description}`;
  return { provider, label, tone, headline, incidents: reading.incidents, fetchedAt: reading.fetchedAt };
}

/** A reading older than this no longer speaks for the provider (the worker re-reads each page every minute). */
export const STATUS_STALE_AFTER_MS = 10 * 60_000;
const TROUBLE: ReadonlySet<StatusIndicator> = new Set(["degraded", "partial_outage", "major_outage", "maintenance"]);

/**
 * The provider's declared trouble, for rules that mute while the provider has an incident: a fresh reading whose
 * indicator is anything but operational or unknown. `id` is the page's URL, `reason` the card's headline.
 */
export function declaredTrouble(url: string, reading: StatusReading | null | undefined, now: number): { id: string; reason: string } | null {
  if (!reading || !TROUBLE.has(reading.indicator)) return null;
  const fetchedAt = Date.parse(reading.fetchedAt);
  if (Number.isNaN(fetchedAt) || now - fetchedAt > STATUS_STALE_AFTER_MS) return null;
  return { id: url, reason: providerStatusView(url, reading).headline };
}

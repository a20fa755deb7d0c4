// Shields-style flat badges as SVG strings: a grey label and a coloured message. Pure and small, so a badge is
// rendered once per snapshot and served as bytes. Text width is estimated from per-character widths of Verdana 11px.
import { COMPONENT_STATUS_LABEL, type ComponentStatus } from "../component-status";
import { formatUptime } from "../day-bars";

export const BADGE_KINDS = ["status", "uptime-24h", "uptime-7d", "uptime-30d", "p95"] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** What a component's badges say, computed by the snapshot build from the hour rollups. */
export interface BadgeFigures {
  status: ComponentStatus;
  uptime24h: number | null;
  uptime7d: number | null;
  uptime30d: number | null;
  /** p95 latency over the last 24 h, in ms. */
  p95Ms: number | null;
}

const COLORS = { green: "#2e9f49", yellow: "#c9a400", orange: "#e0751b", red: "#d93a2b", blue: "#3b7ddd", grey: "#8a8f98" } as const;

const STATUS_COLOR: Record<ComponentStatus, string> = {
  operational: COLORS.green,
  under_maintenance: COLORS.blue,
  degraded_performance: COLORS.yellow,
  partial_outage: COLORS.orange,
  major_outage: COLORS.red,
};

// Average advance widths of Verdana at 11px: narrow, wide and the rest.
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[iljtf.,:;!|' ]/.test(ch) ? 3.6 : /[mwMW%@]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.6;
  return Math.ceil(w);
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function badgeSvg(label: string, message: string, color: string): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const l = escapeXml(label);
  const m = escapeXml(message);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${l}: ${m}"><title>${l}: ${m}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)">` +
    `<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14">${l}</text>` +
    `<text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${m}</text><text x="${lw + mw / 2}" y="14">${m}</text></g></svg>`
  );
}

const uptimeColor = (u: number | null) =>
  u === null ? COLORS.grey : u >= 0.999 ? COLORS.green : u >= 0.99 ? COLORS.yellow : u >= 0.95 ? COLORS.orange : COLORS.red;
const latencyColor = (ms: number | null) =>
  ms === null ? COLORS.grey : ms < 300 ? COLORS.green : ms < 1000 ? COLORS.yellow : ms < 3000 ? COLORS.orange : COLORS.red;

/** One badge of a component; `name` labels the status badge. */
export function componentBadge(kind: BadgeKind, name: string, f: BadgeFigures): string {
  switch (kind) {
    case "status":
      return badgeSvg(name, COMPONENT_STATUS_LABEL[f.status].toLowerCase(), STATUS_COLOR[f.status]);
    case "uptime-24h":
      return badgeSvg("uptime 24h", formatUptime(f.uptime24h), uptimeColor(f.uptime24h));
    case "uptime-7d":
      return badgeSvg("uptime 7d", formatUptime(f.uptime7d), uptimeColor(f.uptime7d));
    case "uptime-30d":
      return badgeSvg("uptime 30d", formatUptime(f.uptime30d), uptimeColor(f.uptime30d));
    case "p95":
      return badgeSvg("p95 latency", f.p95Ms === null ? "—" : `${Math.round(f.p95Ms)} ms`, latencyColor(f.p95Ms));
  }
}

/** `status.svg` -> "status"; anything else -> null. */
export function badgeKindOf(file: string): BadgeKind | null {
  if (!file.endsWith(".svg")) return null;
  const kind = file.slice(0, -4);
  return (BADGE_KINDS as readonly string[]).includes(kind) ? (kind as BadgeKind) : null;
}

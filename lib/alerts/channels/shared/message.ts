// What every channel says about a notification, worded once: the event label, the headline, the facts a person
// scans (integration, rule, severity, value against threshold, times) and a colour. Pure, so the browser can
// preview it too.
import type { AlertNotification, NotificationEvent } from "../../notification";

export const EVENT_LABEL: Record<NotificationEvent, string> = {
  firing: "FIRING",
  resolved: "RESOLVED",
  reminder: "STILL FIRING",
  acknowledged: "ACKNOWLEDGED",
  test: "TEST",
};

/** `[FIRING] Stripe API: error rate 42% over 5 min (threshold 10%)`: email subjects and chat fallbacks. */
export function headline(n: AlertNotification): string {
  return `[${EVENT_LABEL[n.event]}] ${n.summary}`;
}

/** The title of a card: the event and the rule. */
export function title(n: AlertNotification): string {
  return `${EVENT_LABEL[n.event]}: ${n.rule.name}`;
}

const formatNumber = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en-US") : Number(v.toPrecision(4)).toLocaleString("en-US"));

export function valueText(n: AlertNotification): string | null {
  if (n.value === null && n.threshold === null) return null;
  const value = n.value === null ? "no data" : formatNumber(n.value);
  return n.threshold === null ? value : `${value} (threshold ${formatNumber(n.threshold)})`;
}

export interface Fact {
  label: string;
  value: string;
}

/** The facts worth a glance, in order; absent ones are left out rather than shown empty. */
export function facts(n: AlertNotification): Fact[] {
  const out: Fact[] = [];
  if (n.integration) out.push({ label: "Integration", value: n.integration.name });
  out.push({ label: "Rule", value: n.rule.name });
  out.push({ label: "Severity", value: n.rule.severity });
  const value = valueText(n);
  if (value) out.push({ label: "Value", value });
  out.push({ label: "Started", value: n.startedAt });
  if (n.resolvedAt) out.push({ label: "Resolved", value: n.resolvedAt });
  return out;
}

/** Red for critical, amber for warning, blue for info while firing; green once resolved; grey for a test. */
export function colour(n: AlertNotification): string {
  if (n.event === "resolved") return "#2eb67d";
  if (n.event === "test") return "#8a8f98";
  if (n.event === "acknowledged") return "#6b7fd7";
  return { critical: "#e01e5a", warning: "#ecb22e", info: "#36c5f0" }[n.rule.severity];
}

/** Cuts text to `max` characters (the receiver's field limit), marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

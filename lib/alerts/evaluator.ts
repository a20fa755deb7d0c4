// The alert evaluator, pure: a rule, its previous state for one integration, that integration's measurement,
// the silences and the clock in; the next state and one decision out. The worker (evaluation-job.ts) performs
// the writes and sends; the backtest replays this same function over stored data.
//
// Lifecycle: ok -> pending (the condition must hold `pendingSeconds`) -> firing -> ok (resolved), with
// hysteresis (once firing, it resolves only below the resolve threshold), flap suppression (too many opens and
// resolves within the flap window mute notifications until it has been stable for a whole window), reminders
// while firing and unacknowledged, and silences / maintenance windows that mute notifications only.
import type { NotificationEvent } from "./notification";
import { burnRate } from "../slo/budget";
import type { RuleCondition, RuleInput } from "./rule";

export type AlertStateKind = "ok" | "pending" | "firing";

/** What was measured for one integration, keyed like the condition it serves. */
export type Observation =
  /** Nothing to judge by: too few samples, no readings, no linked webhook source. */
  | { kind: "no_data"; reason: string }
  | { kind: "consecutive_failures"; failures: number; lastError: string | null }
  /** `quorum`: a located integration's reading, from the location that decides its quorum (lib/domain/quorum.ts quorumReading). */
  | { kind: "error_rate"; runs: number; failures: number; quorum?: LocationQuorum }
  | { kind: "latency"; samples: number; valueMs: number | null; quorum?: LocationQuorum }
  | { kind: "failures_of_last"; runs: number; failures: number; quorum?: LocationQuorum }
  | { kind: "circuit_open"; state: "closed" | "open" | "half_open"; openedAt: number | null }
  | { kind: "tls_expiry"; daysLeft: number | null }
  /** Days left on a credential a person renews; null when the latest readings hold none. */
  | { kind: "credential_expiry"; daysLeft: number | null }
  /**
   * The latest tool version of an MCP server (null before any) and the newest version whose breaking changes were
   * acknowledged on an incident of this rule (null when none was).
   */
  | { kind: "mcp_breaking_change"; version: ToolVersionReading | null; acknowledgedSeq: number | null }
  /** Runs within the window that recorded a breaking contract change, and the latest one's summary. */
  | { kind: "contract_breaking_change"; runs: number; latest: string | null }
  | { kind: "webhook_silence"; sources: number; lastActivityAt: number | null }
  | { kind: "webhook_failure_rate"; events: number; failed: number }
  /** Good and all events of the SLO's SLI in each window pair of the condition, in the condition's order. */
  | { kind: "slo_burn_rate"; objectivePct: number; windows: { long: SliTotals; short: SliTotals }[] };

/** For a reading taken over locations: at least `needed` of the `listed` locations read this value or worse. */
export interface LocationQuorum {
  needed: number;
  listed: number;
}

const inLocations = (q: LocationQuorum | undefined) => (q ? ` in ${q.needed} of ${q.listed} locations` : "");

export interface SliTotals {
  good: number;
  total: number;
}

export interface ToolVersionReading {
  seq: number;
  breaking: number;
  /** The breaking changes, as classified (tool and what). */
  changes: { tool: string; what: string }[];
}

export interface AlertStateSnapshot {
  state: AlertStateKind;
  /** When the current state began: pending since, firing since. Null when ok. */
  since: number | null;
  lastValue: number | null;
  /** The worst value since it started firing. */
  peak: number | null;
  /** Times it opened or resolved, within the flap window. */
  changes: number[];
  flapping: boolean;
  /** The last notification actually queued (not muted). */
  lastNotifiedAt: number | null;
  /** The last reminder slot, whether it was sent or muted. */
  lastReminderAt: number | null;
  /** From the open incident: acknowledged incidents get no reminders. */
  acknowledged: boolean;
}

export const INITIAL_STATE: AlertStateSnapshot = {
  state: "ok",
  since: null,
  lastValue: null,
  peak: null,
  changes: [],
  flapping: false,
  lastNotifiedAt: null,
  lastReminderAt: null,
  acknowledged: false,
};

export type MuteReason = "silence" | "maintenance" | "provider_incident" | "flapping";

/** A silence or maintenance window. No matcher at all matches everything. */
export interface SilenceSpec {
  id: string;
  kind: "silence" | "maintenance";
  ruleId: string | null;
  integrationId: string | null;
  tag: string | null;
  startsAt: number;
  endsAt: number;
  reason: string;
}

export type RuleSpec = Pick<RuleInput, "name" | "condition" | "pendingSeconds" | "flapMaxChanges" | "flapWindowMinutes" | "reminderMinutes"> & {
  id: string;
  /** Absent means false: rules from before the option did not mute. */
  muteDuringProviderIncident?: boolean;
};

export interface EvaluationInput {
  rule: RuleSpec;
  integration: { id: string; name: string; tags: readonly string[] };
  previous: AlertStateSnapshot;
  observation: Observation;
  silences: readonly SilenceSpec[];
  /** The integration's provider has declared trouble on its status page (id: the page's URL; reason: its headline), else absent. */
  providerIncident?: { id: string; reason: string } | null;
  now: number;
}

export type DecisionKind = "noop" | "pending" | "open" | "resolve" | "remind";

export interface Decision {
  kind: DecisionKind;
  /** True when a notification should be queued now. */
  notify: boolean;
  /** The notification this decision is about (sent, or muted), or null when there is none. */
  event: Extract<NotificationEvent, "firing" | "resolved" | "reminder"> | null;
  /** Why a notification that was due was not sent. */
  muted?: MuteReason;
  mutedBy?: { id: string; reason: string };
  summary: string;
  value: number | null;
  threshold: number | null;
}

export interface Evaluation {
  next: AlertStateSnapshot;
  decision: Decision;
}

/** A measurement judged against the condition: whether it breaches, and (once firing) whether it has cleared. */
export type Judgement = { kind: "no_data"; reason: string } | { kind: "value"; value: number; breached: boolean; cleared: boolean; text: string };

export interface ConditionMeta {
  unit: "%" | "ms" | "runs" | "s" | "days" | "min" | "version" | "x";
  threshold: number;
  resolveThreshold: number;
  /** False where a lower value is worse (TLS or credential days left). */
  higherIsWorse: boolean;
  /** Each new value while firing is news of its own (a further breaking tool version) and is announced. */
  announceNewValues?: boolean;
}

export function conditionMeta(c: RuleCondition): ConditionMeta {
  switch (c.kind) {
    case "consecutive_failures":
      return { unit: "runs", threshold: c.count, resolveThreshold: c.count, higherIsWorse: true };
    case "error_rate":
    case "webhook_failure_rate":
      return { unit: "%", threshold: c.thresholdPct, resolveThreshold: c.resolvePct ?? c.thresholdPct, higherIsWorse: true };
    case "latency":
      return { unit: "ms", threshold: c.thresholdMs, resolveThreshold: c.resolveMs ?? c.thresholdMs, higherIsWorse: true };
    case "failures_of_last":
      return { unit: "runs", threshold: c.failures, resolveThreshold: c.failures, higherIsWorse: true };
    case "contract_breaking_change":
      return { unit: "runs", threshold: 1, resolveThreshold: 1, higherIsWorse: true };
    case "circuit_open":
      return { unit: "s", threshold: c.openForSeconds, resolveThreshold: c.openForSeconds, higherIsWorse: true };
    case "tls_expiry":
    case "credential_expiry":
      return { unit: "days", threshold: c.days, resolveThreshold: c.days, higherIsWorse: false };
    case "webhook_silence":
      return { unit: "min", threshold: c.silentMinutes, resolveThreshold: c.silentMinutes, higherIsWorse: true };
    case "mcp_breaking_change":
      return { unit: "version", threshold: 0, resolveThreshold: 0, higherIsWorse: true, announceNewValues: true };
    case "slo_burn_rate": {
      // The value is the burn rate as a share of its factor (1 = at the threshold), so pairs with different factors compare.
      return { unit: "x", threshold: 1, resolveThreshold: 1, higherIsWorse: true };
    }
  }
}

const MAX_NAMED_CHANGES = 5;

/** "search: tool removed; fetch: input property url newly required; and 2 more". */
export function breakingChangesText(changes: readonly { tool: string; what: string }[]): string {
  const named = changes.slice(0, MAX_NAMED_CHANGES).map((c) => `${c.tool}: ${c.what}`);
  const more = changes.length - named.length;
  return more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const pct = (n: number) => `${round(n)}%`;
const mins = (m: number) => (m < 120 ? `${round(m, 0)} min` : `${round(m / 60)} h`);

/** Above the threshold breaches; once firing, only below the resolve threshold clears (hysteresis). */
function rate(value: number, threshold: number, resolveBelow: number) {
  return { breached: value > threshold, cleared: value < resolveBelow };
}

function mismatch(c: RuleCondition, o: Observation): Judgement {
  return { kind: "no_data", reason: `no ${c.kind} measurement (got ${o.kind})` };
}

/** Judges one observation against the condition. Pure; `now` only ages open circuits and silences. */
export function judge(c: RuleCondition, o: Observation, now: number): Judgement {
  if (o.kind === "no_data") return o;
  switch (c.kind) {
    case "consecutive_failures": {
      if (o.kind !== c.kind) return mismatch(c, o);
      // Any success resets the count, so "cleared" is simply "below the count".
      const text = `${o.failures} consecutive failure${o.failures === 1 ? "" : "s"}${o.lastError ? ` (last: ${o.lastError.slice(0, 120)})` : ""}`;
      return { kind: "value", value: o.failures, breached: o.failures >= c.count, cleared: o.failures < c.count, text };
    }
    case "error_rate": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.runs < c.minSamples)
        return { kind: "no_data", reason: `${o.runs} run${o.runs === 1 ? "" : "s"} in the last ${mins(c.windowMinutes)}, needs ${c.minSamples}` };
      const value = (100 * o.failures) / o.runs;
      return {
        kind: "value",
        value,
        ...rate(value, c.thresholdPct, c.resolvePct ?? c.thresholdPct),
        text: o.quorum
          ? `error rate ${pct(value)} or more over ${mins(c.windowMinutes)}${inLocations(o.quorum)}`
          : `error rate ${pct(value)} over ${mins(c.windowMinutes)} (${o.failures} of ${o.runs} runs failed)`,
      };
    }
    case "latency": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.samples < c.minSamples || o.valueMs === null)
        return {
          kind: "no_data",
          reason: `${o.samples} latency sample${o.samples === 1 ? "" : "s"} in the last ${mins(c.windowMinutes)}, needs ${c.minSamples}`,
        };
      const value = o.valueMs;
      return {
        kind: "value",
        value,
        ...rate(value, c.thresholdMs, c.resolveMs ?? c.thresholdMs),
        text: o.quorum
          ? `${c.percentile} latency ${round(value, 0)} ms or more over ${mins(c.windowMinutes)}${inLocations(o.quorum)}`
          : `${c.percentile} latency ${round(value, 0)} ms over ${mins(c.windowMinutes)}`,
      };
    }
    case "failures_of_last": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.runs === 0) return { kind: "no_data", reason: "no runs yet" };
      return {
        kind: "value",
        value: o.failures,
        breached: o.failures >= c.failures,
        cleared: o.failures < c.failures,
        text: o.quorum ? `${o.failures} or more of the last ${o.runs} runs failed${inLocations(o.quorum)}` : `${o.failures} of the last ${o.runs} runs failed`,
      };
    }
    case "circuit_open": {
      if (o.kind !== c.kind) return mismatch(c, o);
      // Half-open is still not closed: the trial has not succeeded yet.
      const open = o.state !== "closed";
      const seconds = open && o.openedAt !== null ? Math.max(0, (now - o.openedAt) / 1000) : 0;
      const breached = open && seconds >= c.openForSeconds;
      return {
        kind: "value",
        value: round(seconds, 0),
        breached,
        cleared: !open,
        text: open ? `circuit ${o.state.replace("_", "-")} for ${mins(seconds / 60)}` : "circuit closed",
      };
    }
    case "tls_expiry": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.daysLeft === null) return { kind: "no_data", reason: "no certificate readings yet" };
      const d = o.daysLeft;
      const text = d < 0 ? `TLS certificate expired ${-d} day${d === -1 ? "" : "s"} ago` : `TLS certificate expires in ${d} day${d === 1 ? "" : "s"}`;
      return { kind: "value", value: d, breached: d <= c.days, cleared: d > c.days, text };
    }
    case "credential_expiry": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.daysLeft === null) return { kind: "no_data", reason: "no credential expiry reported on the latest run" };
      const d = o.daysLeft;
      const text = d < 0 ? `credential expired ${-d} day${d === -1 ? "" : "s"} ago` : `credential expires in ${d} day${d === 1 ? "" : "s"}`;
      return { kind: "value", value: d, breached: d <= c.days, cleared: d > c.days, text };
    }
    case "contract_breaking_change": {
      if (o.kind !== c.kind) return mismatch(c, o);
      // No breaking change is a measurement (0), not missing data: a contract that holds resolves the incident.
      const text =
        o.runs === 0
          ? `no breaking contract change in ${mins(c.windowMinutes)}`
          : `${o.runs} run${o.runs === 1 ? "" : "s"} with a breaking contract change in ${mins(c.windowMinutes)}${o.latest ? ` (latest: ${o.latest.slice(0, 160)})` : ""}`;
      return { kind: "value", value: o.runs, breached: o.runs >= 1, cleared: o.runs === 0, text };
    }
    case "webhook_silence": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.sources === 0 || o.lastActivityAt === null) return { kind: "no_data", reason: "no webhook source linked to this integration" };
      const minutes = Math.max(0, (now - o.lastActivityAt) / 60_000);
      const breached = minutes > c.silentMinutes;
      return { kind: "value", value: round(minutes, 0), breached, cleared: !breached, text: `no webhook received for ${mins(minutes)}` };
    }
    case "mcp_breaking_change": {
      if (o.kind !== c.kind) return mismatch(c, o);
      const v = o.version;
      if (v === null) return { kind: "no_data", reason: "no tool versions recorded yet" };
      const acknowledged = o.acknowledgedSeq !== null && v.seq <= o.acknowledgedSeq;
      const breached = v.breaking > 0 && !acknowledged;
      const n = `${v.breaking} breaking change${v.breaking === 1 ? "" : "s"}`;
      const text = breached
        ? `tool version ${v.seq} has ${n}: ${breakingChangesText(v.changes)}`
        : v.breaking > 0
          ? `the ${n} of tool version ${v.seq} ${v.breaking === 1 ? "was" : "were"} acknowledged`
          : `tool version ${v.seq} has no breaking changes`;
      return { kind: "value", value: v.seq, breached, cleared: !breached, text };
    }
    case "webhook_failure_rate": {
      if (o.kind !== c.kind) return mismatch(c, o);
      if (o.events < c.minSamples)
        return { kind: "no_data", reason: `${o.events} webhook${o.events === 1 ? "" : "s"} in the last ${mins(c.windowMinutes)}, needs ${c.minSamples}` };
      const value = (100 * o.failed) / o.events;
      return {
        kind: "value",
        value,
        ...rate(value, c.thresholdPct, c.resolvePct ?? c.thresholdPct),
        text: `webhook failed-delivery rate ${pct(value)} over ${mins(c.windowMinutes)} (${o.failed} of ${o.events})`,
      };
    }
    case "slo_burn_rate": {
      if (o.kind !== c.kind) return mismatch(c, o);
      return judgeBurnRate(c, o);
    }
  }
}

const burnText = (n: number) => `${round(n, n < 10 ? 2 : 1)}×`;

/**
 * Multiwindow burn rate: a pair breaches only when its long and its short window both burn faster than its factor.
 * The long window says enough budget is gone to matter; the short one says it is still going, so once the trouble
 * stops the short window falls below the factor and the alert resolves, though the long window stays high for a while.
 * The value is the agreed burn (the lower of the two) over the factor, of the pair nearest to firing.
 */
export function judgeBurnRate(c: Extract<RuleCondition, { kind: "slo_burn_rate" }>, o: Extract<Observation, { kind: "slo_burn_rate" }>): Judgement {
  let best: { ratio: number; text: string } | null = null;
  let breached = false;
  c.windows.forEach((w, i) => {
    const m = o.windows[i];
    if (!m || m.long.total < c.minSamples || m.short.total < c.minSamples) return;
    const long = burnRate(m.long.good, m.long.total, o.objectivePct) ?? 0;
    const short = burnRate(m.short.good, m.short.total, o.objectivePct) ?? 0;
    const ratio = Math.min(long, short) / w.factor;
    if (long > w.factor && short > w.factor) breached = true;
    const text = `SLO budget burning ${burnText(long)} over ${mins(w.longMinutes)} and ${burnText(short)} over ${mins(w.shortMinutes)} (limit ${burnText(w.factor)})`;
    if (!best || ratio > best.ratio) best = { ratio, text };
  });
  const found = best as { ratio: number; text: string } | null;
  if (!found) return { kind: "no_data", reason: `fewer than ${c.minSamples} runs in a burn-rate window` };
  return { kind: "value", value: found.ratio, breached, cleared: !breached, text: found.text };
}

function thresholdText(c: RuleCondition, meta: ConditionMeta): string {
  switch (c.kind) {
    case "consecutive_failures":
      return `threshold ${c.count}`;
    case "failures_of_last":
      return `threshold ${c.failures} of ${c.of}`;
    case "circuit_open":
      return c.openForSeconds === 0 ? "fires when open" : `threshold ${mins(c.openForSeconds / 60)}`;
    case "tls_expiry":
    case "credential_expiry":
      return `threshold ${c.days} days`;
    case "webhook_silence":
      return `threshold ${mins(c.silentMinutes)}`;
    case "mcp_breaking_change":
      return "fires on breaking tool changes";
    case "contract_breaking_change":
      return `fires on any within ${mins(c.windowMinutes)}`;
    case "slo_burn_rate":
      return "fires when both windows of a pair exceed its factor";
    default:
      return `threshold ${meta.threshold}${meta.unit === "%" ? "%" : ` ${meta.unit}`}`;
  }
}

/** The silence that mutes this rule x integration now, maintenance windows first. */
export function activeMute(
  silences: readonly SilenceSpec[],
  ruleId: string,
  integration: { id: string; tags: readonly string[] },
  now: number,
): SilenceSpec | null {
  const matching = silences.filter(
    (s) =>
      s.startsAt <= now &&
      now < s.endsAt &&
      (s.ruleId === null || s.ruleId === ruleId) &&
      (s.integrationId === null || s.integrationId === integration.id) &&
      (s.tag === null || integration.tags.includes(s.tag)),
  );
  return matching.find((s) => s.kind === "maintenance") ?? matching[0] ?? null;
}

function worse(meta: ConditionMeta, a: number | null, b: number): number {
  if (a === null) return b;
  return meta.higherIsWorse ? Math.max(a, b) : Math.min(a, b);
}

export function evaluate(input: EvaluationInput): Evaluation {
  const { rule, integration, previous: prev, now } = input;
  const meta = conditionMeta(rule.condition);
  const judgement = judge(rule.condition, input.observation, now);
  const value = judgement.kind === "value" ? judgement.value : null;
  const windowMs = rule.flapWindowMinutes * 60_000;
  const recent = prev.changes.filter((t) => now - t < windowMs);
  // Flapping ends only once a whole window has passed without an open or a resolve.
  const base: AlertStateSnapshot = { ...prev, changes: recent, flapping: prev.flapping && recent.length > 0, lastValue: value ?? prev.lastValue };
  const name = integration.name;
  const threshold = meta.threshold;
  const line = (text: string) => `${name}: ${text} (${thresholdText(rule.condition, meta)})`;
  const noop = (next: AlertStateSnapshot, summary: string): Evaluation => ({
    next,
    decision: { kind: "noop", notify: false, event: null, summary, value, threshold },
  });

  const mute = activeMute(input.silences, rule.id, integration, now);
  // Silences and maintenance windows first (a person chose them), then the provider's own word, then flapping.
  const providerMute = rule.muteDuringProviderIncident && input.providerIncident ? input.providerIncident : null;
  /** A notification is due: send it, or record why not. */
  const announce = (kind: DecisionKind, event: NonNullable<Decision["event"]>, next: AlertStateSnapshot, summary: string): Evaluation => {
    const muted: MuteReason | undefined = mute ? mute.kind : providerMute ? "provider_incident" : next.flapping ? "flapping" : undefined;
    const by = mute ? { id: mute.id, reason: mute.reason } : providerMute ? providerMute : undefined;
    return {
      next: muted ? next : { ...next, lastNotifiedAt: now },
      decision: {
        kind,
        notify: !muted,
        event,
        ...(muted ? { muted } : {}),
        ...(by ? { mutedBy: by } : {}),
        summary,
        value,
        threshold,
      },
    };
  };
  /** Opens and resolves count towards flapping; the change that crosses the limit is already muted. */
  const changed = (next: AlertStateSnapshot): AlertStateSnapshot => {
    const changes = [...recent, now];
    return { ...next, changes, flapping: base.flapping || changes.length > rule.flapMaxChanges };
  };

  if (judgement.kind === "no_data") {
    // Firing stays firing without data (an outage that also stops the samples must not look resolved);
    // pending falls back to ok, since it was never confirmed.
    if (prev.state === "firing") return noop(base, line(`not enough data (${judgement.reason}); still firing`));
    return noop({ ...base, state: "ok", since: null }, line(`not enough data: ${judgement.reason}`));
  }

  const fire = (): Evaluation =>
    announce(
      "open",
      "firing",
      changed({ ...base, state: "firing", since: now, peak: judgement.value, lastReminderAt: null, acknowledged: false }),
      line(judgement.text),
    );

  switch (prev.state) {
    case "ok": {
      if (!judgement.breached) return noop({ ...base, since: null }, line(judgement.text));
      if (rule.pendingSeconds === 0) return fire();
      return {
        next: { ...base, state: "pending", since: now },
        decision: {
          kind: "pending",
          notify: false,
          event: null,
          summary: line(`${judgement.text}; pending for ${rule.pendingSeconds} s before firing`),
          value,
          threshold,
        },
      };
    }
    case "pending": {
      if (!judgement.breached) return noop({ ...base, state: "ok", since: null }, line(`${judgement.text}; cleared while pending`));
      if (now - (prev.since ?? now) >= rule.pendingSeconds * 1000) return fire();
      return noop(base, line(`${judgement.text}; pending`));
    }
    case "firing": {
      const firing = { ...base, peak: worse(meta, prev.peak, judgement.value) };
      if (judgement.cleared) {
        const next = changed({ ...firing, state: "ok", since: null, lastReminderAt: null, acknowledged: false });
        const summary = line(`resolved: ${judgement.text}`);
        // A resolve is announced only where the firing was: nobody needs to hear about one they never saw.
        const wasAnnounced = prev.lastNotifiedAt !== null && prev.since !== null && prev.lastNotifiedAt >= prev.since;
        if (!wasAnnounced) return { next, decision: { kind: "resolve", notify: false, event: null, summary, value, threshold } };
        return announce("resolve", "resolved", next, summary);
      }
      const since = prev.since ?? now;
      // A further breaking version while still firing is told as news, with its own changes.
      if (meta.announceNewValues && prev.lastValue !== null && judgement.value !== prev.lastValue)
        return announce("remind", "firing", firing, line(judgement.text));
      const announced = prev.lastNotifiedAt !== null && prev.lastNotifiedAt >= since;
      // A firing muted by a silence or flapping is announced once the mute is over, if it still fires.
      if (!announced && !mute && !firing.flapping) return announce("remind", "firing", firing, line(`${judgement.text}; still firing`));
      if (rule.reminderMinutes > 0 && !prev.acknowledged) {
        const last = Math.max(since, prev.lastNotifiedAt ?? 0, prev.lastReminderAt ?? 0);
        if (now - last >= rule.reminderMinutes * 60_000)
          return announce("remind", "reminder", { ...firing, lastReminderAt: now }, line(`${judgement.text}; still firing`));
      }
      return noop(firing, line(`${judgement.text}; firing`));
    }
  }
}

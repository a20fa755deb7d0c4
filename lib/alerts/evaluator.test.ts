import { describe, expect, it } from "vitest";
import { evaluate, INITIAL_STATE, judge, type AlertStateSnapshot, type Evaluation, type Observation, type RuleSpec, type SilenceSpec } from "./evaluator";
import type { RuleCondition } from "./rule";

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const MIN = 60_000;
const integration = { id: "i-1", name: "Stripe API", tags: ["payments"] };

function rule(condition: RuleCondition, over: Partial<RuleSpec> = {}): RuleSpec {
  return { id: "r-1", name: "rule", condition, pendingSeconds: 0, flapMaxChanges: 4, flapWindowMinutes: 30, reminderMinutes: 0, ...over };
}

const errorRate = (thresholdPct = 20, resolvePct?: number): RuleCondition => ({
  kind: "error_rate",
  thresholdPct,
  resolvePct,
  windowMinutes: 5,
  minSamples: 5,
});
const rateObs = (failures: number, runs = 10): Observation => ({ kind: "error_rate", runs, failures });

/** Runs the evaluator over a sequence of (minute offset, observation), threading the state through. */
function replay(
  r: RuleSpec,
  steps: [number, Observation][],
  opts: {
    silences?: SilenceSpec[];
    start?: AlertStateSnapshot;
    ack?: (e: Evaluation) => boolean;
    provider?: (minute: number) => { id: string; reason: string } | null;
  } = {},
): Evaluation[] {
  let state = opts.start ?? INITIAL_STATE;
  return steps.map(([minute, observation]) => {
    const providerIncident = opts.provider?.(minute) ?? null;
    const e = evaluate({ rule: r, integration, previous: state, observation, silences: opts.silences ?? [], providerIncident, now: T0 + minute * MIN });
    state = { ...e.next, acknowledged: e.next.acknowledged || (opts.ack?.(e) ?? false) };
    return e;
  });
}
const kinds = (es: Evaluation[]) => es.map((e) => e.decision.kind);

describe("every rule type", () => {
  it("consecutive failures: fires at the count, resolves on a success", () => {
    const r = rule({ kind: "consecutive_failures", count: 3 });
    const es = replay(r, [
      [0, { kind: "consecutive_failures", failures: 2, lastError: "timeout" }],
      [1, { kind: "consecutive_failures", failures: 3, lastError: "timeout" }],
      [2, { kind: "consecutive_failures", failures: 4, lastError: "timeout" }],
      [3, { kind: "consecutive_failures", failures: 0, lastError: null }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "resolve"]);
    expect(es[1]!.decision).toMatchObject({
      notify: true,
      event: "firing",
      value: 3,
      threshold: 3,
      summary: "Stripe API: 3 consecutive failures (last: timeout) (threshold 3)",
    });
    expect(es[2]!.next.peak).toBe(4);
    expect(es[3]!.decision).toMatchObject({ notify: true, event: "resolved" });
  });

  it("error rate: above the threshold over the window, with a minimum sample count", () => {
    const r = rule(errorRate(20));
    const es = replay(r, [
      [0, rateObs(4, 4)], // 100% but only 4 runs: not enough samples
      [1, rateObs(1, 10)],
      [2, rateObs(3, 10)],
      [3, rateObs(1, 10)],
    ]);
    expect(kinds(es)).toEqual(["noop", "noop", "open", "resolve"]);
    expect(es[0]!.decision.summary).toContain("4 runs in the last 5 min, needs 5");
    expect(es[2]!.decision).toMatchObject({ value: 30, threshold: 20, summary: "Stripe API: error rate 30% over 5 min (3 of 10 runs failed) (threshold 20%)" });
  });

  it("latency percentile: above the threshold in ms", () => {
    const r = rule({ kind: "latency", percentile: "p95", thresholdMs: 500, windowMinutes: 5, minSamples: 3 });
    const es = replay(r, [
      [0, { kind: "latency", samples: 10, valueMs: 450 }],
      [1, { kind: "latency", samples: 10, valueMs: 800 }],
      [2, { kind: "latency", samples: 10, valueMs: 499 }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "resolve"]);
    expect(es[1]!.decision.summary).toBe("Stripe API: p95 latency 800 ms over 5 min (threshold 500 ms)");
    expect(judge(r.condition, { kind: "latency", samples: 2, valueMs: 900 }, T0)).toMatchObject({ kind: "no_data" });
  });

  it("N of the last M: fires with enough failures among the last runs", () => {
    const r = rule({ kind: "failures_of_last", failures: 3, of: 5 });
    const es = replay(r, [
      [0, { kind: "failures_of_last", runs: 5, failures: 2 }],
      [1, { kind: "failures_of_last", runs: 5, failures: 3 }],
      [2, { kind: "failures_of_last", runs: 5, failures: 2 }],
      [3, { kind: "failures_of_last", runs: 0, failures: 0 }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "resolve", "noop"]);
    expect(es[1]!.decision.summary).toBe("Stripe API: 3 of the last 5 runs failed (threshold 3 of 5)");
  });

  it("a reading over locations says it holds in the quorum of them", () => {
    const quorum = { needed: 2, listed: 3 };
    expect(judge({ kind: "failures_of_last", failures: 3, of: 5 }, { kind: "failures_of_last", runs: 5, failures: 4, quorum }, T0)).toMatchObject({
      breached: true,
      text: "4 or more of the last 5 runs failed in 2 of 3 locations",
    });
    expect(judge(errorRate(), { kind: "error_rate", runs: 10, failures: 5, quorum }, T0)).toMatchObject({
      breached: true,
      text: "error rate 50% or more over 5 min in 2 of 3 locations",
    });
    const latency = { kind: "latency", percentile: "p95", thresholdMs: 500, windowMinutes: 10, minSamples: 3 } as const;
    expect(judge(latency, { kind: "latency", samples: 4, valueMs: 700, quorum }, T0)).toMatchObject({
      breached: true,
      text: "p95 latency 700 ms or more over 10 min in 2 of 3 locations",
    });
  });

  it("circuit open: fires once stuck open longer than the duration; half-open is still open", () => {
    const r = rule({ kind: "circuit_open", openForSeconds: 300 });
    const openedAt = T0;
    const es = replay(r, [
      [1, { kind: "circuit_open", state: "open", openedAt }],
      [5, { kind: "circuit_open", state: "open", openedAt }],
      [6, { kind: "circuit_open", state: "half_open", openedAt }],
      [7, { kind: "circuit_open", state: "closed", openedAt: null }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "resolve"]);
    expect(es[1]!.decision).toMatchObject({ value: 300, summary: "Stripe API: circuit open for 5 min (threshold 5 min)" });
    // 0 seconds: as soon as it opens.
    const now = replay(rule({ kind: "circuit_open", openForSeconds: 0 }), [[0, { kind: "circuit_open", state: "open", openedAt: T0 }]]);
    expect(kinds(now)).toEqual(["open"]);
  });

  it("TLS expiry: fires within D days (lower is worse), tracks the lowest as the peak", () => {
    const r = rule({ kind: "tls_expiry", days: 14 });
    const es = replay(r, [
      [0, { kind: "tls_expiry", daysLeft: 30 }],
      [1, { kind: "tls_expiry", daysLeft: 14 }],
      [2, { kind: "tls_expiry", daysLeft: 13 }],
      [3, { kind: "tls_expiry", daysLeft: 90 }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "resolve"]);
    expect(es[2]!.next.peak).toBe(13);
    expect(es[1]!.decision.summary).toBe("Stripe API: TLS certificate expires in 14 days (threshold 14 days)");
    expect(judge(r.condition, { kind: "tls_expiry", daysLeft: -2 }, T0)).toMatchObject({ breached: true, text: "TLS certificate expired 2 days ago" });
    expect(judge(r.condition, { kind: "tls_expiry", daysLeft: null }, T0)).toMatchObject({ kind: "no_data" });
  });

  it("credential expiry: fires within D days, resolves when a renewed credential is beyond, stays as is without a reading", () => {
    const r = rule({ kind: "credential_expiry", days: 7 });
    const es = replay(r, [
      [0, { kind: "credential_expiry", daysLeft: 30 }],
      [1, { kind: "credential_expiry", daysLeft: 3 }],
      // A run that records no credential reading (or only a short-lived access token): no sample, still firing.
      [2, { kind: "credential_expiry", daysLeft: null }],
      [3, { kind: "credential_expiry", daysLeft: 2 }],
      [4, { kind: "credential_expiry", daysLeft: 90 }],
      [5, { kind: "credential_expiry", daysLeft: null }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "noop", "resolve", "noop"]);
    expect(es[1]!.decision).toMatchObject({ notify: true, event: "firing", value: 3, threshold: 7 });
    expect(es[1]!.decision.summary).toBe("Stripe API: credential expires in 3 days (threshold 7 days)");
    expect(es[2]!.next).toMatchObject({ state: "firing", lastValue: 3 });
    expect(es[2]!.decision.summary).toBe("Stripe API: not enough data (no credential expiry reported on the latest run); still firing (threshold 7 days)");
    expect(es[3]!.next.peak).toBe(2);
    expect(es[4]!.decision).toMatchObject({
      notify: true,
      event: "resolved",
      summary: "Stripe API: resolved: credential expires in 90 days (threshold 7 days)",
    });
    expect(es[5]!.next.state).toBe("ok");
    // The boundary counts (within D days), and an expired credential says so.
    expect(judge(r.condition, { kind: "credential_expiry", daysLeft: 7 }, T0)).toMatchObject({ breached: true });
    expect(judge(r.condition, { kind: "credential_expiry", daysLeft: 8 }, T0)).toMatchObject({ breached: false, cleared: true });
    expect(judge(r.condition, { kind: "credential_expiry", daysLeft: -1 }, T0)).toMatchObject({ breached: true, text: "credential expired 1 day ago" });
    // A quiet rule without any reading stays quiet.
    expect(kinds(replay(r, [[0, { kind: "credential_expiry", daysLeft: null }]]))).toEqual(["noop"]);
    expect(judge(r.condition, { kind: "tls_expiry", daysLeft: 3 }, T0)).toMatchObject({ kind: "no_data" });
  });

  it("MCP breaking change: fires on a breaking version naming its changes, tells each further one, resolves on a clean version", () => {
    const r = rule({ kind: "mcp_breaking_change" });
    const v = (seq: number, changes: { tool: string; what: string }[], acknowledgedSeq: number | null = null): Observation => ({
      kind: "mcp_breaking_change",
      version: { seq, breaking: changes.length, changes },
      acknowledgedSeq,
    });
    const es = replay(r, [
      [0, v(1, [])],
      [1, v(2, [{ tool: "search", what: "tool removed" }])],
      [2, v(2, [{ tool: "search", what: "tool removed" }])],
      [3, v(3, [{ tool: "fetch", what: "input property url newly required" }])],
      [4, v(4, [])],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "remind", "resolve"]);
    expect(es[1]!.decision).toMatchObject({ notify: true, event: "firing", value: 2 });
    expect(es[1]!.decision.summary).toBe("Stripe API: tool version 2 has 1 breaking change: search: tool removed (fires on breaking tool changes)");
    expect(es[3]!.decision).toMatchObject({ notify: true, event: "firing", value: 3 });
    expect(es[3]!.decision.summary).toContain("tool version 3 has 1 breaking change: fetch: input property url newly required");
    expect(es[4]!.decision).toMatchObject({
      notify: true,
      event: "resolved",
      summary: "Stripe API: resolved: tool version 4 has no breaking changes (fires on breaking tool changes)",
    });
  });

  it("MCP breaking change: an acknowledged version resolves and stays quiet; a later breaking one fires again", () => {
    const r = rule({ kind: "mcp_breaking_change" });
    const breaking = { seq: 2, breaking: 7, changes: Array.from({ length: 7 }, (_, k) => ({ tool: `t${k}`, what: "tool removed" })) };
    const es = replay(r, [
      [0, { kind: "mcp_breaking_change", version: breaking, acknowledgedSeq: null }],
      [1, { kind: "mcp_breaking_change", version: breaking, acknowledgedSeq: 2 }],
      [2, { kind: "mcp_breaking_change", version: breaking, acknowledgedSeq: 2 }],
      [3, { kind: "mcp_breaking_change", version: { ...breaking, seq: 3 }, acknowledgedSeq: 2 }],
    ]);
    expect(kinds(es)).toEqual(["open", "resolve", "noop", "open"]);
    expect(es[0]!.decision.summary).toContain("t0: tool removed; t1: tool removed; t2: tool removed; t3: tool removed; t4: tool removed; and 2 more");
    expect(es[1]!.decision.summary).toBe("Stripe API: resolved: the 7 breaking changes of tool version 2 were acknowledged (fires on breaking tool changes)");
    // No version yet: nothing to judge.
    expect(judge(r.condition, { kind: "mcp_breaking_change", version: null, acknowledgedSeq: null }, T0)).toEqual({
      kind: "no_data",
      reason: "no tool versions recorded yet",
    });
  });

  it("breaking contract change: fires while a run in the window recorded one, resolves once none is left in it", () => {
    const r = rule({ kind: "contract_breaking_change", windowMinutes: 60 });
    const es = replay(r, [
      [0, { kind: "contract_breaking_change", runs: 0, latest: null }],
      [1, { kind: "contract_breaking_change", runs: 1, latest: "User.email was removed." }],
      [2, { kind: "contract_breaking_change", runs: 2, latest: "$.id changed type" }],
      [3, { kind: "contract_breaking_change", runs: 0, latest: null }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "resolve"]);
    expect(es[1]!.decision.summary).toBe(
      "Stripe API: 1 run with a breaking contract change in 60 min (latest: User.email was removed.) (fires on any within 60 min)",
    );
    expect(es[2]!.next.peak).toBe(2);
    expect(es[3]!.decision.summary).toBe("Stripe API: resolved: no breaking contract change in 60 min (fires on any within 60 min)");
  });

  it("webhook silence: fires after D minutes without a webhook, clears when one arrives", () => {
    const r = rule({ kind: "webhook_silence", silentMinutes: 30 });
    const last = T0;
    const es = replay(r, [
      [20, { kind: "webhook_silence", sources: 1, lastActivityAt: last }],
      [31, { kind: "webhook_silence", sources: 1, lastActivityAt: last }],
      [40, { kind: "webhook_silence", sources: 1, lastActivityAt: T0 + 39 * MIN }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "resolve"]);
    expect(es[1]!.decision.summary).toBe("Stripe API: no webhook received for 31 min (threshold 30 min)");
    expect(judge(r.condition, { kind: "webhook_silence", sources: 0, lastActivityAt: null }, T0)).toMatchObject({ kind: "no_data" });
  });

  it("webhook failed-delivery rate: above X% with a minimum sample count", () => {
    const r = rule({ kind: "webhook_failure_rate", thresholdPct: 10, windowMinutes: 60, minSamples: 10 });
    const es = replay(r, [
      [0, { kind: "webhook_failure_rate", events: 5, failed: 5 }],
      [1, { kind: "webhook_failure_rate", events: 20, failed: 4 }],
      [2, { kind: "webhook_failure_rate", events: 20, failed: 1 }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "resolve"]);
    expect(es[1]!.decision.value).toBe(20);
  });

  it("an observation of another kind is no data, not a crash", () => {
    expect(judge(errorRate(), { kind: "tls_expiry", daysLeft: 3 }, T0)).toMatchObject({ kind: "no_data" });
  });
});

describe("pending", () => {
  const r = rule(errorRate(20), { pendingSeconds: 120 });

  it("must hold for the pending duration before firing", () => {
    const es = replay(r, [
      [0, rateObs(5)],
      [1, rateObs(5)],
      [2, rateObs(5)],
    ]);
    expect(kinds(es)).toEqual(["pending", "noop", "open"]);
    expect(es[0]!.decision.notify).toBe(false);
    expect(es[0]!.next).toMatchObject({ state: "pending", since: T0 });
    expect(es[2]!.next).toMatchObject({ state: "firing", since: T0 + 2 * MIN });
  });

  it("going false while pending returns to ok without an incident", () => {
    const es = replay(r, [
      [0, rateObs(5)],
      [1, rateObs(0)],
      [2, rateObs(5)],
      [3, rateObs(5)],
    ]);
    expect(kinds(es)).toEqual(["pending", "noop", "pending", "noop"]);
    expect(es[1]!.next.state).toBe("ok");
    expect(es[3]!.next.state).toBe("pending");
  });

  it("no data while pending falls back to ok", () => {
    const es = replay(r, [
      [0, rateObs(5)],
      [1, rateObs(1, 2)],
    ]);
    expect(es[1]!.next.state).toBe("ok");
  });
});

describe("hysteresis", () => {
  const r = rule(errorRate(20, 5));

  it("once firing, resolves only below the resolve threshold", () => {
    const es = replay(r, [
      [0, rateObs(3)], // 30%: fires
      [1, rateObs(1)], // 10%: under the firing threshold, above the resolve one: still firing
      [2, rateObs(2)], // 20%: not above the threshold either, still firing
      [3, rateObs(0)], // 0%: resolves
    ]);
    expect(kinds(es)).toEqual(["open", "noop", "noop", "resolve"]);
    expect(es[1]!.next.state).toBe("firing");
    expect(es[3]!.next.state).toBe("ok");
    expect(es[3]!.next.peak).toBe(30);
  });

  it("without a resolve threshold it resolves below the firing threshold", () => {
    const es = replay(rule(errorRate(20)), [
      [0, rateObs(3)],
      [1, rateObs(2)], // exactly 20%: not above, not below
      [2, rateObs(1)],
    ]);
    expect(kinds(es)).toEqual(["open", "noop", "resolve"]);
  });

  it("not enough samples while firing keeps firing; while ok stays ok", () => {
    const es = replay(r, [
      [0, rateObs(1, 2)],
      [1, rateObs(3)],
      [2, rateObs(0, 1)],
      [3, { kind: "no_data", reason: "no runs" }],
    ]);
    expect(kinds(es)).toEqual(["noop", "open", "noop", "noop"]);
    expect(es[0]!.next.state).toBe("ok");
    expect(es[2]!.next.state).toBe("firing");
    expect(es[2]!.decision.summary).toContain("still firing");
    expect(es[3]!.next.state).toBe("firing");
  });
});

describe("flap suppression", () => {
  const r = rule(errorRate(20), { flapMaxChanges: 4, flapWindowMinutes: 30 });
  const flapping: [number, Observation][] = Array.from({ length: 8 }, (_, i) => [i, rateObs(i % 2 === 0 ? 5 : 0)]);

  it("more than flapMaxChanges opens and resolves in the window mutes notifications, incidents still tracked", () => {
    const es = replay(r, flapping);
    expect(kinds(es)).toEqual(["open", "resolve", "open", "resolve", "open", "resolve", "open", "resolve"]);
    expect(es.slice(0, 4).map((e) => e.decision.notify)).toEqual([true, true, true, true]);
    // The fifth change crosses the limit: it and every one after are muted as flapping.
    expect(es.slice(4).map((e) => e.decision.notify)).toEqual([false, false, false, false]);
    expect(es[4]!.decision.muted).toBe("flapping");
    expect(es[7]!.next.flapping).toBe(true);
  });

  it("stays muted until stable for a whole window, then announces a firing that is still on", () => {
    let state = replay(r, flapping).at(-1)!.next;
    // Fires again at minute 10 (muted: still flapping), and keeps firing.
    const es = replay(
      r,
      [
        [10, rateObs(5)],
        [20, rateObs(5)],
        [39, rateObs(5)],
        [40, rateObs(5)],
        [41, rateObs(5)],
      ],
      { start: state },
    );
    expect(kinds(es)).toEqual(["open", "noop", "noop", "remind", "noop"]);
    expect(es[0]!.decision).toMatchObject({ notify: false, muted: "flapping" });
    // Minute 40: no change since minute 10, a whole window: flapping is over, the firing is announced once.
    expect(es[3]!.decision).toMatchObject({ notify: true, event: "firing" });
    expect(es[3]!.next.flapping).toBe(false);
    state = es.at(-1)!.next;
    const after = replay(r, [[42, rateObs(0)]], { start: state });
    expect(after[0]!.decision).toMatchObject({ kind: "resolve", notify: true, event: "resolved" });
  });

  it("a resolve of a firing that was never announced is not announced either", () => {
    const state = replay(r, flapping.slice(0, 7)).at(-1)!.next; // firing, muted as flapping
    const es = replay(r, [[8, rateObs(0)]], { start: state });
    expect(es[0]!.decision).toMatchObject({ kind: "resolve", notify: false, event: null });
  });
});

describe("silences and maintenance windows", () => {
  const r = rule(errorRate(20));
  const window = (over: Partial<SilenceSpec> = {}): SilenceSpec => ({
    id: "s-1",
    kind: "maintenance",
    ruleId: null,
    integrationId: null,
    tag: null,
    startsAt: T0,
    endsAt: T0 + 30 * MIN,
    reason: "DB upgrade",
    ...over,
  });

  it("mute notifications inside the window while the incident still opens and resolves", () => {
    const es = replay(
      r,
      [
        [5, rateObs(5)],
        [10, rateObs(0)],
      ],
      { silences: [window()] },
    );
    expect(kinds(es)).toEqual(["open", "resolve"]);
    expect(es[0]!.decision).toMatchObject({ notify: false, event: "firing", muted: "maintenance", mutedBy: { id: "s-1", reason: "DB upgrade" } });
    // The firing was never announced, so neither is the resolve.
    expect(es[1]!.decision.notify).toBe(false);
  });

  it("a firing that outlasts the window is announced when it ends; the window's end is exclusive", () => {
    const es = replay(
      r,
      [
        [5, rateObs(5)],
        [29, rateObs(5)],
        [30, rateObs(5)],
        [31, rateObs(5)],
      ],
      { silences: [window()] },
    );
    expect(kinds(es)).toEqual(["open", "noop", "remind", "noop"]);
    expect(es[2]!.decision).toMatchObject({ notify: true, event: "firing" });
  });

  it("only matching windows mute: by rule, by integration, by tag; a future window does not", () => {
    const fire = (s: SilenceSpec) => replay(r, [[5, rateObs(5)]], { silences: [s] })[0]!.decision;
    expect(fire(window({ ruleId: "r-1", kind: "silence" }))).toMatchObject({ notify: false, muted: "silence" });
    expect(fire(window({ ruleId: "other" })).notify).toBe(true);
    expect(fire(window({ integrationId: "i-1" })).notify).toBe(false);
    expect(fire(window({ integrationId: "i-2" })).notify).toBe(true);
    expect(fire(window({ tag: "payments" })).notify).toBe(false);
    expect(fire(window({ tag: "search" })).notify).toBe(true);
    expect(fire(window({ startsAt: T0 + 6 * MIN })).notify).toBe(true);
  });

  it("a resolve during a silence is muted when the firing was announced before it", () => {
    const es = replay(
      r,
      [
        [0, rateObs(5)],
        [10, rateObs(0)],
      ],
      { silences: [window({ startsAt: T0 + 5 * MIN })] },
    );
    expect(es[0]!.decision.notify).toBe(true);
    expect(es[1]!.decision).toMatchObject({ kind: "resolve", notify: false, event: "resolved", muted: "maintenance" });
  });
});

describe("reminders", () => {
  const r = rule(errorRate(20), { reminderMinutes: 10 });

  it("remind every reminderMinutes while firing", () => {
    const es = replay(r, [
      [0, rateObs(5)],
      [9, rateObs(5)],
      [10, rateObs(5)],
      [15, rateObs(5)],
      [20, rateObs(5)],
    ]);
    expect(kinds(es)).toEqual(["open", "noop", "remind", "noop", "remind"]);
    expect(es[2]!.decision).toMatchObject({ notify: true, event: "reminder" });
  });

  it("stop once acknowledged", () => {
    const es = replay(
      r,
      [
        [0, rateObs(5)],
        [10, rateObs(5)],
        [20, rateObs(5)],
      ],
      { ack: (e) => e.decision.kind === "open" },
    );
    expect(kinds(es)).toEqual(["open", "noop", "noop"]);
  });

  it("are muted by a silence (recorded once per slot, not every pass)", () => {
    const silence: SilenceSpec = {
      id: "s",
      kind: "silence",
      ruleId: null,
      integrationId: null,
      tag: null,
      startsAt: T0 + 5 * MIN,
      endsAt: T0 + 60 * MIN,
      reason: "known",
    };
    const es = replay(
      r,
      [
        [0, rateObs(5)],
        [10, rateObs(5)],
        [11, rateObs(5)],
        [20, rateObs(5)],
      ],
      { silences: [silence] },
    );
    expect(kinds(es)).toEqual(["open", "remind", "noop", "remind"]);
    expect(es[1]!.decision).toMatchObject({ notify: false, muted: "silence", event: "reminder" });
  });

  it("never, with reminderMinutes 0", () => {
    const es = replay(rule(errorRate(20)), [
      [0, rateObs(5)],
      [600, rateObs(5)],
    ]);
    expect(kinds(es)).toEqual(["open", "noop"]);
  });
});

describe("muting while the provider declares an incident", () => {
  const trouble = { id: "https://www.githubstatus.com/api/v2/summary.json", reason: "GitHub reports: Partial outage — Partial System Outage" };
  const steps: [number, Observation][] = [
    [5, rateObs(5)],
    [10, rateObs(5)],
    [20, rateObs(0)],
  ];

  it("an opted-in rule holds the firing while the provider reports trouble, and announces it once the provider is clear", () => {
    const es = replay(rule(errorRate(20), { muteDuringProviderIncident: true }), steps, { provider: (m) => (m < 10 ? trouble : null) });
    expect(kinds(es)).toEqual(["open", "remind", "resolve"]);
    expect(es[0]!.decision).toMatchObject({ notify: false, event: "firing", muted: "provider_incident", mutedBy: trouble });
    // Still firing after the provider's page turned green: announced now, as after a maintenance window.
    expect(es[1]!.decision).toMatchObject({ notify: true, event: "firing" });
    expect(es[2]!.decision).toMatchObject({ notify: true, event: "resolved" });
  });

  it("a rule that did not opt in notifies regardless of the provider's word", () => {
    const es = replay(rule(errorRate(20)), steps, { provider: () => trouble });
    expect(es[0]!.decision).toMatchObject({ kind: "open", notify: true, event: "firing" });
    expect(es[0]!.decision.muted).toBeUndefined();
  });

  it("a maintenance window, chosen by a person, is named before the provider's incident", () => {
    const window: SilenceSpec = {
      id: "s-1",
      kind: "maintenance",
      ruleId: null,
      integrationId: null,
      tag: null,
      startsAt: T0,
      endsAt: T0 + 30 * MIN,
      reason: "DB upgrade",
    };
    const es = replay(rule(errorRate(20), { muteDuringProviderIncident: true }), steps.slice(0, 1), { silences: [window], provider: () => trouble });
    expect(es[0]!.decision).toMatchObject({ muted: "maintenance", mutedBy: { id: "s-1" } });
  });
});

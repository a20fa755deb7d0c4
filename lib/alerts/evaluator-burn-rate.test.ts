// The multiwindow burn-rate rule, driven by an injected clock over a simulated minute series: the windows at each
// minute are summed from the series as the rollups would be, then judged by the pure evaluator.
import { describe, expect, it } from "vitest";
import { evaluate, INITIAL_STATE, judge, type AlertStateSnapshot, type Evaluation, type Observation, type RuleSpec } from "./evaluator";
import { BURN_RATE_PRESETS, ruleConditionSchema, type RuleCondition } from "./rule";

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const MIN = 60_000;
const integration = { id: "i-1", name: "Stripe API", tags: [] };
const RUNS = 100;

type Burn = Extract<RuleCondition, { kind: "slo_burn_rate" }>;
const condition = (windows: Burn["windows"] = [{ factor: 14.4, longMinutes: 60, shortMinutes: 5 }], minSamples = 5): Burn => ({
  kind: "slo_burn_rate",
  sloId: "00000000-0000-4000-8000-000000000005",
  windows,
  minSamples,
});
const rule = (c: Burn): RuleSpec => ({
  id: "r-1",
  name: "burn",
  condition: c,
  pendingSeconds: 0,
  flapMaxChanges: 10,
  flapWindowMinutes: 30,
  reminderMinutes: 0,
});

/** The SLO's events: RUNS a minute, `bad(m)` of them failed in minute m (minutes relative to T0). */
function observe(c: Burn, bad: (minute: number) => number, minute: number, objectivePct = 99.9): Observation {
  const sum = (w: number) => {
    let good = 0;
    for (let m = minute - w + 1; m <= minute; m++) good += RUNS - bad(m);
    return { good, total: w * RUNS };
  };
  return { kind: "slo_burn_rate", objectivePct, windows: c.windows.map((w) => ({ long: sum(w.longMinutes), short: sum(w.shortMinutes) })) };
}

/** Evaluates at every minute in [from, to], the clock injected as `now`. */
function run(c: Burn, bad: (minute: number) => number, from: number, to: number): { minute: number; e: Evaluation }[] {
  let state: AlertStateSnapshot = INITIAL_STATE;
  const out: { minute: number; e: Evaluation }[] = [];
  for (let minute = from; minute <= to; minute++) {
    const e = evaluate({ rule: rule(c), integration, previous: state, observation: observe(c, bad, minute), silences: [], now: T0 + minute * MIN });
    state = e.next;
    out.push({ minute, e });
  }
  return out;
}
const opened = (es: { minute: number; e: Evaluation }[]) => es.filter((x) => x.e.decision.kind === "open").map((x) => x.minute);
const resolved = (es: { minute: number; e: Evaluation }[]) => es.filter((x) => x.e.decision.kind === "resolve").map((x) => x.minute);

describe("slo_burn_rate: both windows must agree", () => {
  const c = condition();

  it("does not fire when only the long window burns fast (the trouble has stopped)", () => {
    // 2% failed (20x the 0.1% allowance) for 55 minutes, then 5 clean minutes: long ~18x, short 0x.
    const bad = (m: number) => (m < 55 ? 2 : 0);
    const j = judge(c, observe(c, bad, 59), T0 + 59 * MIN);
    expect(j).toMatchObject({ kind: "value", breached: false });
    expect(j.kind === "value" && j.text).toBe("SLO budget burning 18.3× over 60 min and 0× over 5 min (limit 14.4×)");
    expect(opened(run(c, (m) => (m >= 0 && m < 55 ? 2 : 0), 59, 59))).toEqual([]);
  });

  it("does not fire on a short spike the long window has not felt", () => {
    // One minute of 10% failures: the 5-minute window burns 20x, the hour only 1.7x.
    const bad = (m: number) => (m === 100 ? 10 : 0);
    const es = run(c, bad, 95, 110);
    expect(opened(es)).toEqual([]);
    const j = judge(c, observe(c, bad, 101), T0 + 101 * MIN);
    expect(j).toMatchObject({ kind: "value", breached: false });
    expect(j.kind === "value" && j.text).toContain("1.67× over 60 min and 20× over 5 min");
  });

  it("fires once both burn above the factor, and the short window resets it while the long one is still high", () => {
    // 2% failures from minute 0 to 59, clean after. The hour crosses 14.4x at minute 43 (44 bad minutes: 14.7x).
    const bad = (m: number) => (m >= 0 && m < 60 ? 2 : 0);
    const es = run(c, bad, -10, 90);
    expect(opened(es)).toEqual([43]);
    const open = es.find((x) => x.minute === 43)!.e.decision;
    expect(open).toMatchObject({ notify: true, event: "firing", threshold: 1 });
    expect(open.summary).toBe(
      "Stripe API: SLO budget burning 14.7× over 60 min and 20× over 5 min (limit 14.4×) (fires when both windows of a pair exceed its factor)",
    );
    // Clean from minute 60: after two clean minutes the 5-minute window burns 12x < 14.4x and it resolves,
    // though the hour still burns 20x; it stays resolved while the hour drains.
    expect(resolved(es)).toEqual([61]);
    const at61 = observe(c, bad, 61);
    expect(at61.kind === "slo_burn_rate" && at61.windows[0]!.long).toEqual({ good: 6_000 - 116, total: 6_000 });
    expect(es.filter((x) => x.minute > 61).every((x) => x.e.next.state === "ok")).toBe(true);
  });

  it("re-fires when the trouble comes back, both windows still agreeing", () => {
    const bad = (m: number) => ((m >= 0 && m < 60) || m >= 70 ? 2 : 0);
    const es = run(c, bad, 0, 80);
    // Back at minute 70: the hour is still above 14.4x at once, the 5-minute window gets there at minute 73 (4 bad minutes: 16x).
    expect(opened(es)).toEqual([43, 73]);
    expect(resolved(es)).toEqual([61]);
  });
});

describe("slo_burn_rate: the Workbook's page pairs", () => {
  const c = condition(BURN_RATE_PRESETS.page.map((w) => ({ ...w })));

  it("a slow burn fires the 6x pair (6 h / 30 min) though it never reaches 14.4x", () => {
    // 0.8% failed = 8x, for hours.
    const bad = (m: number) => (m >= 0 ? 0.8 : 0);
    const es = run(c, bad, 0, 400);
    // The 6-hour window reaches 6x at 75% of its length: 271 bad minutes of 360 (6.02x).
    expect(opened(es)).toEqual([270]);
    expect(es.find((x) => x.minute === 270)!.e.decision.summary).toContain("over 6 h and 8× over 30 min (limit 6×)");
  });

  it("makes no decision on a quiet integration", () => {
    const quiet: Observation = {
      kind: "slo_burn_rate",
      objectivePct: 99.9,
      windows: c.windows.map(() => ({ long: { good: 3, total: 3 }, short: { good: 1, total: 1 } })),
    };
    expect(judge(c, quiet, T0)).toEqual({ kind: "no_data", reason: "fewer than 5 runs in a burn-rate window" });
    expect(judge(c, { kind: "no_data", reason: "the SLO this rule watches was deleted" }, T0)).toMatchObject({ kind: "no_data" });
  });
});

describe("slo_burn_rate condition schema", () => {
  it("defaults to the page pairs and refuses a short window no shorter than the long one", () => {
    const parsed = ruleConditionSchema.parse({ kind: "slo_burn_rate", sloId: "00000000-0000-4000-8000-000000000005" });
    expect(parsed).toMatchObject({ windows: BURN_RATE_PRESETS.page, minSamples: 5 });
    const bad = ruleConditionSchema.safeParse({ kind: "slo_burn_rate", sloId: "nope", windows: [] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(["Choose an SLO", "Give at least one window pair"]);
  });
});

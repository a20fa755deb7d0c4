// Backtest: replays the pure evaluator over stored data for a rule draft (not saved), minute by minute, for each
// integration in scope: when it would have fired and resolved, and the measured series for one integration.
// Rollup kinds slide a window over minute rollups; run kinds replay the runs; circuit_open replays the circuit's
// transitions. TLS expiry and webhook kinds keep no history to replay and say so. Silences and flapping only
// mute notifications, so they do not change firings and are left out.
import type { Db } from "../db/client";
import { minuteBuckets } from "../db/rollups";
import { emptyHistogram, histogramQuantile } from "../domain/latency-histogram";
import { conditionMeta, evaluate, INITIAL_STATE, judge, type AlertStateSnapshot, type Observation, type RuleSpec } from "./evaluator";
import { enabledIntegrations, QUANTILE } from "./observations";
import type { RuleCondition, RuleInput } from "./rule";
import { inScope, type ScopedIntegration } from "./stored-rule";
import { fastBucketLimit, goodOf } from "../slo/budget";
import { sliSchema, sloCovers, sloScopeSchema, type Sli } from "../slo/slo";
import type { BacktestFiring, BacktestResult } from "./types";

const MIN = 60_000;
export const BACKTEST_MAX_INTEGRATIONS = 50;
const BACKTEST_CONCURRENCY = 3;

export interface BacktestOptions {
  days: number;
  integrationId?: string;
  now: number;
}

/** One point in time to evaluate at, with what was measured then. */
interface Step {
  t: number;
  observation: Observation;
}

interface Replay {
  firings: Omit<BacktestFiring, "integrationName">[];
  series: { t: number; value: number | null }[];
}

/** Runs the evaluator through the steps; the series keeps the last value judged in each minute. */
function replay(spec: RuleSpec, integration: ScopedIntegration, steps: Iterable<Step>): Replay {
  let state: AlertStateSnapshot = INITIAL_STATE;
  const firings: Replay["firings"] = [];
  const series = new Map<number, number | null>();
  let open: Replay["firings"][number] | null = null;
  for (const { t, observation } of steps) {
    const { next, decision } = evaluate({ rule: spec, integration, previous: state, observation, silences: [], now: t });
    const j = judge(spec.condition, observation, t);
    series.set(Math.floor(t / MIN) * MIN, j.kind === "value" ? j.value : null);
    if (decision.kind === "open") {
      open = { integrationId: integration.id, start: new Date(t).toISOString(), end: null, peak: next.peak };
      firings.push(open);
    } else if (open && next.state === "firing") {
      open.peak = next.peak;
    } else if (open && decision.kind === "resolve") {
      open.end = new Date(t).toISOString();
      open = null;
    }
    state = next;
  }
  return { firings, series: [...series].map(([t, value]) => ({ t, value })) };
}

function* minutes(from: number, to: number): Generator<number> {
  for (let t = from; t <= to; t += MIN) yield t;
}

/** Sliding window over minute rollups: at minute t, the `w` whole minutes before it. */
async function* rollupSteps(db: Db, c: Extract<RuleCondition, { kind: "error_rate" | "latency" }>, id: string, from: number, to: number): AsyncGenerator<Step> {
  const latency = c.kind === "latency";
  const rows = await minuteBuckets(db, id, from - c.windowMinutes * MIN, to, latency);
  const byMinute = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  const w = c.windowMinutes;
  let runs = 0;
  let failures = 0;
  const hist = emptyHistogram();
  const add = (t: number, sign: 1 | -1) => {
    const r = byMinute.get(t);
    if (!r) return;
    runs += sign * r.count;
    failures += sign * r.failures;
    if (r.idx && r.cnt) for (let k = 0; k < r.idx.length; k++) hist[r.idx[k]!]! += sign * r.cnt[k]!;
  };
  // Only clamps the open-ended top bucket of the histogram, so the largest latency of the whole range will do.
  const maxMs = rows.reduce((m, r) => Math.max(m, r.maxMs), 0);
  for (let t = from - w * MIN; t < from; t += MIN) add(t, 1);
  for (const t of minutes(from, to)) {
    if (c.kind === "error_rate") {
      yield { t, observation: { kind: "error_rate", runs, failures } };
    } else {
      const samples = hist.reduce((s, n) => s + n, 0);
      yield { t, observation: { kind: "latency", samples, valueMs: histogramQuantile(hist, QUANTILE[c.percentile], maxMs) } };
    }
    add(t, 1);
    add(t - w * MIN, -1);
  }
}

/** Burn-rate windows over minute rollups: prefix sums of good and all events, so every window is two lookups. */
async function* burnSteps(
  db: Db,
  c: Extract<RuleCondition, { kind: "slo_burn_rate" }>,
  slo: { objectivePct: number; sli: Sli },
  id: string,
  from: number,
  to: number,
): AsyncGenerator<Step> {
  const longest = Math.max(...c.windows.map((w) => w.longMinutes));
  const start = from - longest * MIN;
  const rows = await minuteBuckets(db, id, start, to, slo.sli.kind === "latency");
  const limit = slo.sli.kind === "latency" ? fastBucketLimit(slo.sli.thresholdMs) : -1;
  const n = Math.round((to - start) / MIN) + 1;
  const good = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  const perMinute = new Map(rows.map((r) => [Math.round((r.bucket.getTime() - start) / MIN), r]));
  for (let k = 0; k < n; k++) {
    const r = perMinute.get(k);
    let fast = 0;
    if (r?.idx && r.cnt) for (let j = 0; j < r.idx.length; j++) if (r.idx[j]! <= limit) fast += r.cnt[j]!;
    const g = r ? goodOf({ start: 0, count: r.count, failures: r.failures, fast }, slo.sli) : 0;
    good[k + 1] = good[k]! + g;
    total[k + 1] = total[k]! + (r?.count ?? 0);
  }
  // At minute t, a window of w minutes is the w whole minutes before it, as rollupSteps counts them.
  const sum = (arr: Float64Array, t: number, w: number) => {
    const end = Math.round((t - start) / MIN);
    return arr[end]! - arr[Math.max(0, end - w)]!;
  };
  for (const t of minutes(from, to)) {
    const at = (w: number) => ({ good: sum(good, t, w), total: sum(total, t, w) });
    yield {
      t,
      observation: {
        kind: "slo_burn_rate",
        objectivePct: slo.objectivePct,
        windows: c.windows.map((w) => ({ long: at(w.longMinutes), short: at(w.shortMinutes) })),
      },
    };
  }
}

/** Replays the runs: consecutive failures, and failures among the last M, as each run arrived. */
async function* runSteps(
  db: Db,
  c: Extract<RuleCondition, { kind: "consecutive_failures" | "failures_of_last" }>,
  id: string,
  from: number,
  to: number,
): AsyncGenerator<Step> {
  // The runs just before the window seed the count (a streak or the last M may have started earlier).
  const before = c.kind === "failures_of_last" ? c.of : c.count;
  const rows = await db.$queryRaw<{ startedAt: Date; ok: boolean }[]>`
    (SELECT "startedAt", ok FROM "ProbeRun" WHERE "integrationId" = ${id}::uuid AND "startedAt" < ${new Date(from)}::timestamp ORDER BY "startedAt" DESC LIMIT ${before})
    UNION ALL
    (SELECT "startedAt", ok FROM "ProbeRun" WHERE "integrationId" = ${id}::uuid AND "startedAt" >= ${new Date(from)}::timestamp AND "startedAt" <= ${new Date(to)}::timestamp)
    ORDER BY "startedAt"`;
  let streak = 0;
  const last: boolean[] = [];
  for (const r of rows) {
    streak = r.ok ? 0 : streak + 1;
    last.push(r.ok);
    if (c.kind === "failures_of_last" && last.length > c.of) last.shift();
    const t = r.startedAt.getTime();
    if (t < from) continue;
    yield c.kind === "consecutive_failures"
      ? { t, observation: { kind: "consecutive_failures", failures: streak, lastError: null } }
      : { t, observation: { kind: "failures_of_last", runs: last.length, failures: last.filter((ok) => !ok).length } };
  }
}

/** Replays the circuit's transitions minute by minute. */
async function* circuitSteps(db: Db, id: string, from: number, to: number): AsyncGenerator<Step> {
  const rows = await db.$queryRaw<{ at: Date; to: "closed" | "open" | "half_open" }[]>`
    (SELECT at, "to"::text AS "to" FROM "CircuitTransition" WHERE "integrationId" = ${id}::uuid AND at < ${new Date(from)}::timestamp ORDER BY at DESC, id DESC LIMIT 1)
    UNION ALL
    (SELECT at, "to"::text AS "to" FROM "CircuitTransition" WHERE "integrationId" = ${id}::uuid AND at >= ${new Date(from)}::timestamp AND at <= ${new Date(to)}::timestamp)
    ORDER BY at`;
  let state: "closed" | "open" | "half_open" = "closed";
  let openedAt: number | null = null;
  let i = 0;
  for (const t of minutes(from, to)) {
    for (; i < rows.length && rows[i]!.at.getTime() <= t; i++) {
      const r = rows[i]!;
      // Open since it left closed: failed trials (half-open -> open) do not restart the clock.
      if (r.to !== "closed" && state === "closed") openedAt = r.at.getTime();
      if (r.to === "closed") openedAt = null;
      state = r.to;
    }
    yield { t, observation: { kind: "circuit_open", state, openedAt } };
  }
}

const UNSUPPORTED: Partial<Record<RuleCondition["kind"], string>> = {
  tls_expiry: "cannot be backtested: certificate readings are kept only for the latest run, not as history",
  credential_expiry: "cannot be backtested: credential readings are kept only for the latest run, not as history",
  mcp_breaking_change: "cannot be backtested: tool versions are events, not a measurement over time",
  contract_breaking_change: "cannot be backtested yet: replaying it would need every run's recorded contract changes, which the backtest does not read",
  webhook_silence: "cannot be backtested: webhook silence is measured against the present moment only",
  webhook_failure_rate: "cannot be backtested: a webhook's delivery status is kept only as it is now, not as it was then",
};

export async function backtestRule(db: Db, rule: RuleInput, opts: BacktestOptions): Promise<BacktestResult> {
  const to = Math.floor(opts.now / MIN) * MIN;
  const from = to - opts.days * 1_440 * MIN;
  const meta = conditionMeta(rule.condition);
  const sloRow = rule.condition.kind === "slo_burn_rate" ? await db.slo.findUnique({ where: { id: rule.condition.sloId } }) : null;
  const sloScope = sloRow ? sloScopeSchema.safeParse(sloRow.scope) : null;
  const sloSli = sloRow ? sliSchema.safeParse(sloRow.sli) : null;
  const slo = sloRow && sloScope?.success && sloSli?.success ? { objectivePct: sloRow.objectivePct, sli: sloSli.data, scope: sloScope.data } : null;
  const all = (await enabledIntegrations(db)).filter((i) => inScope(rule.scope, i) && (!slo || sloCovers(slo.scope, i)));
  const picked = all.slice(0, BACKTEST_MAX_INTEGRATIONS);
  // The charted integration is always replayed, even past the cap.
  const chosen = opts.integrationId ? all.find((i) => i.id === opts.integrationId) : undefined;
  if (chosen && !picked.includes(chosen)) picked[picked.length - 1] = chosen;
  const base = {
    unit: meta.unit,
    threshold: meta.threshold,
    resolveThreshold: meta.resolveThreshold === meta.threshold ? null : meta.resolveThreshold,
    evaluatedIntegrations: 0,
    skippedIntegrations: all.length - picked.length,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
  const unsupported = UNSUPPORTED[rule.condition.kind] ?? (rule.condition.kind === "slo_burn_rate" && !slo ? "names an SLO that does not exist" : undefined);
  if (unsupported) return { ...base, firings: [], series: [], seriesIntegrationId: null, note: `This rule ${unsupported}.`, supported: false };

  const spec: RuleSpec = { id: "draft", ...rule };
  const c = rule.condition;
  const firings: BacktestFiring[] = [];
  const seriesBy = new Map<string, Replay["series"]>();
  const replayOne = async (integration: ScopedIntegration) => {
    const steps =
      c.kind === "slo_burn_rate"
        ? burnSteps(db, c, slo!, integration.id, from, to)
        : c.kind === "error_rate" || c.kind === "latency"
          ? rollupSteps(db, c, integration.id, from, to)
          : c.kind === "consecutive_failures" || c.kind === "failures_of_last"
            ? runSteps(db, c, integration.id, from, to)
            : circuitSteps(db, integration.id, from, to);
    const collected: Step[] = [];
    for await (const s of steps) collected.push(s);
    const r = replay(spec, integration, collected);
    firings.push(...r.firings.map((f) => ({ ...f, integrationName: integration.name })));
    seriesBy.set(integration.id, r.series);
  };
  // A few at a time: one integration's query overlaps another's replay, without taking the whole pool.
  const queue = [...picked];
  await Promise.all(
    Array.from({ length: Math.min(BACKTEST_CONCURRENCY, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await replayOne(next);
    }),
  );
  const mostFirings = [...picked].sort(
    (a, b) => firings.filter((f) => f.integrationId === b.id).length - firings.filter((f) => f.integrationId === a.id).length,
  )[0];
  const seriesOf = chosen ?? mostFirings ?? null;
  const runBased = c.kind === "consecutive_failures" || c.kind === "failures_of_last";
  const located =
    picked.length === 0 ? 0 : await db.integration.count({ where: { id: { in: picked.map((i) => i.id) }, NOT: { locations: { isEmpty: true } } } });
  const notes = [
    base.skippedIntegrations > 0 ? `Replayed the first ${picked.length} of ${all.length} integrations in scope.` : null,
    runBased ? "Replayed run by run; the chart shows the last value in each minute." : null,
    picked.length === 0 ? "No enabled integration is in this rule's scope." : null,
    located > 0
      ? `${located === 1 ? "One integration" : `${located} integrations`} in scope ${located === 1 ? "is" : "are"} probed from several locations: the backtest replays ${located === 1 ? "its" : "their"} locations' results mixed, not by the quorum the live rule goes by.`
      : null,
  ].filter(Boolean);
  return {
    ...base,
    evaluatedIntegrations: picked.length,
    firings: firings.sort((a, b) => a.start.localeCompare(b.start) || a.integrationName.localeCompare(b.integrationName)),
    series: (seriesOf ? (seriesBy.get(seriesOf.id) ?? []) : []).map((p) => ({
      t: new Date(p.t).toISOString(),
      value: p.value === null ? null : Math.round(p.value * 100) / 100,
    })),
    seriesIntegrationId: seriesOf?.id ?? null,
    note: notes.length ? notes.join(" ") : null,
    supported: true,
  };
}

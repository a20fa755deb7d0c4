// Response-shape drift, as an after-run step (HTTP and GraphQL): the probe puts the body's fingerprint on the run's
// `details.shape`; this compares it with the baseline the last run kept, records `details.shapeChange` when it moved,
// and keeps the merged baseline as the run's `details.shape`. Recorded, never a failure (alert rules judge it).
import type { ProbeRunResult } from "../../../domain/probe-run";
import type { RunHistory } from "../../types";
import { diffShape, mergeShape } from "./diff";
import type { Shape } from "./fingerprint";

export const SHAPE_KEY = "shape";
export const SHAPE_CHANGE_KEY = "shapeChange";

const isShape = (value: unknown): value is Shape =>
  typeof value === "object" && value !== null && typeof (value as { paths?: unknown }).paths === "object" && (value as { paths?: unknown }).paths !== null;

/** The run without `key` on its attempts' details: the trace shows what happened, the run keeps the reading once. */
export function withoutTraceDetail(result: ProbeRunResult, key: string): ProbeRunResult {
  const attempts = result.trace.attempts.map((a) => {
    if (!a.details || !(key in a.details)) return a;
    const { [key]: _dropped, ...details } = a.details;
    return { ...a, details };
  });
  return { ...result, trace: { ...result.trace, attempts } };
}

export async function withShapeDrift(result: ProbeRunResult, history: RunHistory): Promise<ProbeRunResult> {
  const current = result.details?.[SHAPE_KEY];
  if (!isShape(current)) return result;
  const stored = await history.lastDetail(SHAPE_KEY);
  const baseline = isShape(stored) ? stored : undefined;
  const change = diffShape(baseline, current);
  const details = { ...result.details, [SHAPE_KEY]: mergeShape(baseline, current), ...(change ? { [SHAPE_CHANGE_KEY]: change } : {}) };
  return withoutTraceDetail({ ...result, details }, SHAPE_KEY);
}

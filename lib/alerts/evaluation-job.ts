// The worker's alert pass: load rule state and data, run the pure evaluator, write incidents and enqueue
// notifications. One worker of the fleet evaluates at a time. (Stub until the alert engine lands.)
import type { Db } from "../db/client";

export const ALERT_EVALUATION_EVERY_MS = 5_000;

export async function runAlertEvaluation(_db: Db, _opts: { workerId: string; now: Date }): Promise<void> {
  // Filled in by the alert engine.
}

// What evaluating one assertion produced, as stored in a run's details (`details.assertions`) and shown in its trace.
// Pure and dependency-free, so the trace reads it without loading the evaluator.

export interface SchemaViolation {
  /** JSON Pointer into the body, e.g. /items/0/id; empty for the body itself. */
  instancePath: string;
  /** The schema keyword that failed: required, type, enum, format, … */
  keyword: string;
  message: string;
}

export interface AssertionResult {
  /** `status equals 200` */
  assertion: string;
  passed: boolean;
  /** What the response had, clipped; null when it had nothing there (no such header, the path matched nothing). */
  actual: string | null;
  /** `status equals 200 (saw 503)` */
  message: string;
  /** A JSON Schema assertion's violations, capped. */
  violations?: SchemaViolation[];
}

const isResult = (v: unknown): v is AssertionResult => {
  const r = v as Partial<AssertionResult> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.assertion === "string" &&
    typeof r.passed === "boolean" &&
    (r.actual === null || typeof r.actual === "string") &&
    typeof r.message === "string"
  );
};

/** The assertion results a run's details carry; null when it has none (another kind, or a run before the list). */
export function assertionResultsOf(details: Record<string, unknown> | null | undefined): AssertionResult[] | null {
  const list = details?.assertions;
  return Array.isArray(list) && list.length > 0 && list.every(isResult) ? list : null;
}

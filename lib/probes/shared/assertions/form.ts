// Assertions as form rows (the text a person types) and back. Pure: the HTTP form (and any kind that takes
// assertions) keeps exactly what was typed, and the row editor moves rows without knowing what they mean.
import { COMPARISONS_BY_SOURCE, UNARY_COMPARISONS, type Assertion, type AssertionComparison, type AssertionSource, type OPENAPI_METHODS } from "./schema";

export type AssertionRowSource = AssertionSource | "json_schema";

export interface AssertionRow {
  /** Stable while the row is moved, for React keys and focus. */
  id: string;
  source: AssertionRowSource;
  property: string;
  comparison: AssertionComparison;
  target: string;
  /** json_schema only. */
  schemaFrom: "pasted" | "openapi";
  schemaText: string;
  openapiUrl: string;
  openapiPath: string;
  openapiMethod: (typeof OPENAPI_METHODS)[number];
  openapiStatus: string;
}

let nextId = 0;
const rowId = () => `assertion-${++nextId}`;

/** A new row; it starts as "status equals 200", the most common first assertion. */
export function newAssertionRow(overrides: Partial<Omit<AssertionRow, "id">> = {}): AssertionRow {
  return {
    id: rowId(),
    source: "status",
    property: "",
    comparison: "equals",
    target: "200",
    schemaFrom: "pasted",
    schemaText: "",
    openapiUrl: "",
    openapiPath: "",
    openapiMethod: "get",
    openapiStatus: "200",
    ...overrides,
  };
}

export function rowFromAssertion(a: Assertion): AssertionRow {
  if (a.source === "json_schema") {
    return newAssertionRow({
      source: "json_schema",
      target: "",
      schemaFrom: a.openapi ? "openapi" : "pasted",
      schemaText: a.schema ? JSON.stringify(a.schema, null, 2) : "",
      openapiUrl: a.openapi?.url ?? "",
      openapiPath: a.openapi?.path ?? "",
      openapiMethod: a.openapi?.method ?? "get",
      openapiStatus: a.openapi?.status ?? "200",
    });
  }
  return newAssertionRow({ source: a.source, property: a.property ?? "", comparison: a.comparison, target: a.target ?? "" });
}

/** What the row means, for the API: fields that do not apply to its source are left out. */
export function assertionFromRow(row: AssertionRow): Record<string, unknown> {
  if (row.source === "json_schema") {
    return row.schemaFrom === "openapi"
      ? { source: "json_schema", openapi: { url: row.openapiUrl, path: row.openapiPath, method: row.openapiMethod, status: row.openapiStatus } }
      : { source: "json_schema", schema: row.schemaText };
  }
  const takesProperty = row.source === "header" || row.source === "json_path";
  return {
    source: row.source,
    ...(takesProperty ? { property: row.property } : {}),
    comparison: row.comparison,
    ...(UNARY_COMPARISONS.includes(row.comparison) ? {} : { target: row.target }),
  };
}

/** The row after its source changed: a comparison the new source cannot make falls back to its first. */
export function withSource(row: AssertionRow, source: AssertionRowSource): AssertionRow {
  if (source === "json_schema") return { ...row, source };
  const allowed = COMPARISONS_BY_SOURCE[source];
  return { ...row, source, comparison: allowed.includes(row.comparison) ? row.comparison : allowed[0]! };
}

/** Moves the row at `index` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

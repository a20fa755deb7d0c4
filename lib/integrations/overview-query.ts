// The overview's query: which page of integrations, filtered by status, kind, tag and search, in which order.
// Pure and client-safe, and free of zod (whose 110 KB the overview's page would otherwise load): the page reads the
// query leniently from its URL here (a bad value falls back to the default), the API parses it strictly with the
// schema in overview-query-schema.ts (a bad value is a 400; a test holds the two to the same rules), and both write it
// back as the same short, shareable search string.
import { HEALTH_ORDER, type HealthStatus } from "../domain/health";
import type { OrderColumn, OrderTerm } from "../db/overview-rows";
// The kinds from the schema's enum, not lib/probes/kinds: that registry brings every kind's config schema into the
// overview's client bundle.
import { IntegrationKind } from "../db/generated/enums";

export const INTEGRATION_KINDS = Object.values(IntegrationKind) as [IntegrationKind, ...IntegrationKind[]];

export const OVERVIEW_STATUSES = HEALTH_ORDER;
export const OVERVIEW_SORTS = ["status", "name", "kind", "errors", "lastRun"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type SortDir = "asc" | "desc";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
export const MAX_PAGE = 100_000;
export const MAX_SEARCH = 200;
export const MAX_TAG = 100;

/** Each sort's natural direction: worst first for status and errors, most recent first for the last probe. */
export const DEFAULT_DIR: Record<OverviewSort, SortDir> = { status: "asc", name: "asc", kind: "asc", errors: "desc", lastRun: "desc" };

export interface OverviewQuery {
  q?: string;
  status: "all" | HealthStatus;
  kind?: IntegrationKind;
  tag?: string;
  sort: OverviewSort;
  dir: SortDir;
  page: number;
  pageSize: number;
}

/** A query string's values, as the API or a URL gives them. */
export type OverviewQueryInput = Partial<Record<"q" | "status" | "kind" | "tag" | "sort" | "dir" | "page" | "pageSize", string>>;

/** Blank is absent; text is trimmed; too long is invalid (undefined), as the strict schema says. */
function textField(v: unknown, max: number): string | undefined {
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const t = v.trim();
  return t.length <= max ? t : undefined;
}
function oneOf<T extends string>(v: unknown, values: readonly T[]): T | undefined {
  return typeof v === "string" && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}
/** A whole number in [min, max] written as the strict schema coerces it (Number(text)), else the default. */
function wholeField(v: unknown, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Lenient, for a URL a person typed or shared: each bad field falls back to its default, the rest is kept. */
export function overviewQueryFromUrl(params: URLSearchParams | Record<string, string | string[] | undefined>): OverviewQuery {
  const raw: Record<string, unknown> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) raw[k] = Array.isArray(v) ? v[0] : v;
  const sort = oneOf(raw.sort, OVERVIEW_SORTS) ?? "status";
  const q = textField(raw.q, MAX_SEARCH);
  const kind = oneOf(raw.kind, INTEGRATION_KINDS);
  const tag = textField(raw.tag, MAX_TAG);
  return {
    ...(q !== undefined && { q }),
    status: oneOf(raw.status, ["all", ...OVERVIEW_STATUSES] as const) ?? "all",
    ...(kind !== undefined && { kind }),
    ...(tag !== undefined && { tag }),
    sort,
    dir: oneOf(raw.dir, ["asc", "desc"] as const) ?? DEFAULT_DIR[sort],
    page: wholeField(raw.page, 1, MAX_PAGE, 1),
    pageSize: wholeField(raw.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  };
}

export const DEFAULT_OVERVIEW_QUERY: OverviewQuery = overviewQueryFromUrl({});

/** The search string for a query, naming only what differs from the defaults ("" for the default view). */
export function overviewSearch(q: OverviewQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.status !== "all") p.set("status", q.status);
  if (q.kind) p.set("kind", q.kind);
  if (q.tag) p.set("tag", q.tag);
  if (q.sort !== "status") p.set("sort", q.sort);
  if (q.dir !== DEFAULT_DIR[q.sort]) p.set("dir", q.dir);
  if (q.page !== 1) p.set("page", String(q.page));
  if (q.pageSize !== DEFAULT_PAGE_SIZE) p.set("pageSize", String(q.pageSize));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A change of filter or sort starts again at page 1; moving between pages keeps everything else. */
export function withChange(q: OverviewQuery, change: Partial<OverviewQuery>): OverviewQuery {
  const next = { ...q, ...change };
  if (change.sort && !change.dir) next.dir = DEFAULT_DIR[change.sort];
  if (!("page" in change)) next.page = 1;
  return next;
}

export type { OrderColumn, OrderTerm };

/** The ORDER BY for a sort: its own column, then name and id, so pages never overlap or skip a row (rows without a value go last). */
export function orderTerms(sort: OverviewSort, dir: SortDir): OrderTerm[] {
  const primary: Record<OverviewSort, OrderColumn> = { status: "statusRank", name: "name", kind: "kind", errors: "errorRate", lastRun: "lastRunAt" };
  const terms: OrderTerm[] = [{ column: primary[sort], dir }];
  if (sort !== "name") terms.push({ column: "name", dir: "asc" });
  terms.push({ column: "id", dir: "asc" });
  return terms;
}

/** A status's place in the worst-first order the overview uses (and the SQL's rank). */
export const statusRank = (s: HealthStatus): number => OVERVIEW_STATUSES.indexOf(s);

/** Pages for a total; a page past the end is clamped to the last (an empty list has one, empty, page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A LIKE pattern matching the text anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

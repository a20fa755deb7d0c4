// The overview's query: which page of integrations, filtered by status, kind, tag and search, in which order.
// Pure and client-safe: the API parses it strictly (a bad value is a 400), the page reads it leniently from its URL
// (a bad value falls back to the default), and both write it back as the same short, shareable search string.
import { z } from "zod";
import { HEALTH_ORDER, type HealthStatus } from "../domain/health";
import type { OrderColumn, OrderTerm } from "../db/overview-rows";
// The kinds from the schema's enum, not lib/probes/kinds: that registry brings every kind's config schema into the
// overview's client bundle.
import { IntegrationKind } from "../db/generated/enums";

const INTEGRATION_KINDS = Object.values(IntegrationKind) as [IntegrationKind, ...IntegrationKind[]];

export const OVERVIEW_STATUSES = HEALTH_ORDER;
export const OVERVIEW_SORTS = ["status", "name", "kind", "errors", "lastRun"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type SortDir = "asc" | "desc";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** Each sort's natural direction: worst first for status and errors, most recent first for the last probe. */
export const DEFAULT_DIR: Record<OverviewSort, SortDir> = { status: "asc", name: "asc", kind: "asc", errors: "desc", lastRun: "desc" };

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

const fields = {
  q: text(200),
  status: z.enum(["all", ...OVERVIEW_STATUSES]).default("all"),
  kind: z.preprocess(blankToUndefined, z.enum(INTEGRATION_KINDS).optional()),
  tag: text(100),
  sort: z.enum(OVERVIEW_SORTS).default("status"),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};

/** The API's query string: anything out of range or unknown is refused with the field named. */
export const overviewQuerySchema = z.object(fields);

export type OverviewQueryInput = z.input<typeof overviewQuerySchema>;
export type OverviewQuery = Omit<z.output<typeof overviewQuerySchema>, "dir"> & { dir: SortDir };

const withDir = (q: z.output<typeof overviewQuerySchema>): OverviewQuery => ({ ...q, dir: q.dir ?? DEFAULT_DIR[q.sort] });

/** Strict: throws a ZodError (the route turns it into a 400 naming the field). */
export function parseOverviewQuery(raw: Record<string, unknown>): OverviewQuery {
  return withDir(overviewQuerySchema.parse(raw));
}

/** Lenient, for a URL a person typed or shared: each bad field falls back to its default, the rest is kept. */
export function overviewQueryFromUrl(params: URLSearchParams | Record<string, string | string[] | undefined>): OverviewQuery {
  const raw: Record<string, unknown> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) raw[k] = Array.isArray(v) ? v[0] : v;
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const parsed = (schema as z.ZodType).safeParse(raw[key]);
    out[key] = parsed.success ? parsed.data : (schema as z.ZodType).parse(undefined);
  }
  return withDir(out as z.output<typeof overviewQuerySchema>);
}

export const DEFAULT_OVERVIEW_QUERY: OverviewQuery = parseOverviewQuery({});

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

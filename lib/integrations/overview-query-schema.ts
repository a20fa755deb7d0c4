// The overview API's query string, strictly: anything out of range or unknown is refused with the field named (the
// route turns the ZodError into a 400). Server-only (zod stays out of the overview page's bundle); the page's lenient
// reading of its URL is overviewQueryFromUrl (overview-query.ts), held to the same rules by overview-query.test.ts.
import { z } from "zod";
import {
  DEFAULT_DIR,
  DEFAULT_PAGE_SIZE,
  INTEGRATION_KINDS,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_SEARCH,
  MAX_TAG,
  OVERVIEW_SORTS,
  OVERVIEW_STATUSES,
  type OverviewQuery,
} from "./overview-query";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const overviewQuerySchema = z.object({
  q: text(MAX_SEARCH),
  status: z.enum(["all", ...OVERVIEW_STATUSES]).default("all"),
  kind: z.preprocess(blankToUndefined, z.enum(INTEGRATION_KINDS).optional()),
  tag: text(MAX_TAG),
  sort: z.enum(OVERVIEW_SORTS).default("status"),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).optional()),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** Strict: throws a ZodError (the route turns it into a 400 naming the field). */
export function parseOverviewQuery(raw: Record<string, unknown>): OverviewQuery {
  const q = overviewQuerySchema.parse(raw);
  return { ...q, dir: q.dir ?? DEFAULT_DIR[q.sort] };
}

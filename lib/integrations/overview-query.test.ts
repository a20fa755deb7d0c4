import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  containsPattern,
  DEFAULT_OVERVIEW_QUERY,
  orderTerms,
  overviewQueryFromUrl,
  overviewSearch,
  pageCount,
  statusRank,
  withChange,
  type OverviewQueryInput,
} from "./overview-query";
import { overviewQuerySchema, parseOverviewQuery } from "./overview-query-schema";

describe("overview query", () => {
  it("defaults to every status, worst first, the first page of 100", () => {
    expect(parseOverviewQuery({})).toEqual({ status: "all", sort: "status", dir: "asc", page: 1, pageSize: 100 });
    expect(DEFAULT_OVERVIEW_QUERY).toEqual(parseOverviewQuery({}));
  });

  it("parses a query string's text: numbers coerced, blanks dropped, text trimmed, each sort's own direction", () => {
    expect(parseOverviewQuery({ q: "  stripe ", status: "down", kind: "http", tag: "", sort: "errors", page: "3", pageSize: "25" })).toEqual({
      q: "stripe",
      status: "down",
      kind: "http",
      sort: "errors",
      dir: "desc",
      page: 3,
      pageSize: 25,
    });
    expect(parseOverviewQuery({ sort: "lastRun" }).dir).toBe("desc");
    expect(parseOverviewQuery({ sort: "errors", dir: "asc" }).dir).toBe("asc");
  });

  it("refuses, strictly, what is out of range or unknown, naming the field", () => {
    for (const [raw, field] of [
      [{ status: "broken" }, "status"],
      [{ kind: "ftp" }, "kind"],
      [{ sort: "p99" }, "sort"],
      [{ dir: "up" }, "dir"],
      [{ page: "0" }, "page"],
      [{ pageSize: "501" }, "pageSize"],
      [{ pageSize: "ten" }, "pageSize"],
      [{ q: "x".repeat(201) }, "q"],
    ] as const) {
      const err = (() => {
        try {
          parseOverviewQuery(raw);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]!.path).toEqual([field]);
    }
  });

  it("reads a URL leniently: a bad field falls back to its default and the rest is kept", () => {
    const q = overviewQueryFromUrl(new URLSearchParams("status=nope&q=pay&page=-2&sort=name&dir=desc&kind=tcp"));
    expect(q).toEqual({ q: "pay", status: "all", kind: "tcp", sort: "name", dir: "desc", page: 1, pageSize: 100 });
    expect(overviewQueryFromUrl({ tag: ["a", "b"], pageSize: "50" })).toMatchObject({ tag: "a", pageSize: 50 });
  });

  it("writes only what differs from the defaults, and reads back what it wrote", () => {
    expect(overviewSearch(DEFAULT_OVERVIEW_QUERY)).toBe("");
    const q = parseOverviewQuery({ q: "a b&c", status: "degraded", kind: "dns", tag: "team-1", sort: "name", dir: "desc", page: "2", pageSize: "50" });
    const search = overviewSearch(q);
    expect(search).toBe("?q=a+b%26c&status=degraded&kind=dns&tag=team-1&sort=name&dir=desc&page=2&pageSize=50");
    expect(overviewQueryFromUrl(new URLSearchParams(search))).toEqual(q);
    // A sort's own direction is not written.
    expect(overviewSearch(parseOverviewQuery({ sort: "errors", dir: "desc" }))).toBe("?sort=errors");
  });

  it("starts again at page 1 when a filter or sort changes, and takes the new sort's own direction", () => {
    const on3 = parseOverviewQuery({ page: "3", sort: "name", dir: "desc" });
    expect(withChange(on3, { status: "down" })).toMatchObject({ status: "down", page: 1, sort: "name", dir: "desc" });
    expect(withChange(on3, { sort: "lastRun" })).toMatchObject({ sort: "lastRun", dir: "desc", page: 1 });
    expect(withChange(on3, { sort: "kind", dir: "desc" })).toMatchObject({ sort: "kind", dir: "desc" });
    expect(withChange(on3, { page: 4 })).toMatchObject({ page: 4, sort: "name", dir: "desc" });
  });

  it("maps each sort to its column, then name and id, so pages are stable", () => {
    expect(orderTerms("status", "asc")).toEqual([
      { column: "statusRank", dir: "asc" },
      { column: "name", dir: "asc" },
      { column: "id", dir: "asc" },
    ]);
    expect(orderTerms("name", "desc")).toEqual([
      { column: "name", dir: "desc" },
      { column: "id", dir: "asc" },
    ]);
    expect(orderTerms("errors", "desc")[0]).toEqual({ column: "errorRate", dir: "desc" });
    expect(orderTerms("lastRun", "asc")[0]).toEqual({ column: "lastRunAt", dir: "asc" });
    expect(orderTerms("kind", "asc")[0]).toEqual({ column: "kind", dir: "asc" });
  });

  it("ranks statuses worst first, counts pages, and escapes LIKE's wildcards", () => {
    expect(["down", "degraded", "pending", "healthy", "paused"].map((s) => statusRank(s as "down"))).toEqual([0, 1, 2, 3, 4]);
    expect([pageCount(0, 100), pageCount(100, 100), pageCount(101, 100), pageCount(10_000, 100)]).toEqual([1, 1, 2, 100]);
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("reads a URL by the strict schema's own rules: each field is what the schema makes of it, or its default", () => {
    const values = [
      "",
      " ",
      "  pay ",
      "x".repeat(200),
      ` ${"x".repeat(200)} `,
      "x".repeat(201),
      "all",
      "down",
      "paused",
      "DOWN",
      "http",
      " http",
      "tcp",
      "status",
      "errors",
      "lastRun",
      "p99",
      "asc",
      "desc",
      " desc",
      "0",
      "1",
      "3",
      " 7 ",
      "3.0",
      "2.5",
      "-2",
      "1e2",
      "0x10",
      "500",
      "501",
      "100000",
      "100001",
      "ten",
      "NaN",
      "Infinity",
    ];
    const fields = ["q", "status", "kind", "tag", "sort", "dir", "page", "pageSize"] as const;
    const defaults = parseOverviewQuery({});
    for (const field of fields) {
      for (const value of [undefined, ...values]) {
        const input: OverviewQueryInput = value === undefined ? {} : { [field]: value };
        const strict = overviewQuerySchema.shape[field].safeParse(value);
        const lenient = overviewQueryFromUrl(input as Record<string, string>);
        const expected = strict.success && strict.data !== undefined ? strict.data : field === "dir" ? undefined : defaults[field as keyof typeof defaults];
        if (field === "dir") expect(lenient.dir, `dir=${JSON.stringify(value)}`).toBe(expected ?? defaults.dir);
        else expect(lenient[field], `${field}=${JSON.stringify(value)}`).toEqual(expected);
        if (strict.success) expect(parseOverviewQuery(input)).toEqual(lenient);
      }
    }
  });
});

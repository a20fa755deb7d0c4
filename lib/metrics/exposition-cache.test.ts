import { describe, expect, it } from "vitest";
import { acceptsGzip, isFresh } from "./exposition-cache";

describe("exposition cache decisions", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  it("serves a render younger than the limit, never one from the future beyond clock skew", () => {
    expect(isFresh(new Date(now.getTime() - 59_000), now, 60_000)).toBe(true);
    expect(isFresh(new Date(now.getTime() - 60_000), now, 60_000)).toBe(false);
    expect(isFresh(null, now, 60_000)).toBe(false);
    expect(isFresh(new Date(now.getTime() + 3_000), now, 60_000)).toBe(true);
    expect(isFresh(new Date(now.getTime() + 3_600_000), now, 60_000)).toBe(false);
  });

  it("reads Accept-Encoding: gzip (Prometheus' own header), * and q=0", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});

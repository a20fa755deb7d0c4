import { describe, expect, it } from "vitest";
import { fmt, int, loadAverage, table, verdict } from "./report";

describe("fmt", () => {
  it("prints a figure to the given decimals, one by default", () => {
    expect(fmt(12.345)).toBe("12.3");
    expect(fmt(12.345, 2)).toBe("12.35");
    expect(fmt(0.5, 0)).toBe("1");
    expect(fmt(-3)).toBe("-3.0");
  });

  it("prints n/a for a figure that could not be measured", () => {
    for (const n of [null, undefined, NaN, Infinity, -Infinity]) expect(fmt(n)).toBe("n/a");
  });
});

describe("int", () => {
  it("rounds and groups thousands", () => {
    expect(int(1234567.6)).toBe("1,234,568");
    expect(int(0)).toBe("0");
  });
});

describe("verdict", () => {
  it("says PASS, FAIL or n/a", () => {
    expect(verdict(true)).toBe("PASS");
    expect(verdict(false)).toBe("FAIL");
    expect(verdict(null)).toBe("n/a");
  });
});

describe("loadAverage", () => {
  it("prints three load averages to two decimals", () => {
    expect(loadAverage()).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  });
});

describe("table", () => {
  it("pads columns to their widest cell and underlines the header", () => {
    expect(
      table([
        ["figure", "value"],
        ["probes/s", "212.4"],
        ["lag p99 ms", "8"],
      ]),
    ).toBe(["figure      value", "----------  -----", "probes/s    212.4", "lag p99 ms  8    "].join("\n"));
  });

  it("sizes a column by the rows that have it; a short row prints only its own cells", () => {
    expect(table([["a", "bb"], ["ccc"]])).toBe(["a    bb", "---  --", "ccc"].join("\n"));
  });

  it("prints a header alone", () => {
    expect(table([["only"]])).toBe("only\n----");
  });
});

import { describe, expect, it } from "vitest";
import { benchArgs, flag, positive, positiveList, whole } from "./args";

const spec = { rate: positive(500), "minute-days": whole(2), ramp: positiveList("1000,1500"), keep: flag() };

describe("benchArgs", () => {
  it("reads defaults, as numbers, under camel-cased names", () => {
    expect(benchArgs(spec, [])).toEqual({ rate: 500, minuteDays: 2, ramp: [1000, 1500], keep: false });
  });

  it("reads given values", () => {
    expect(benchArgs(spec, ["--rate", "100", "--minute-days=0", "--ramp", "10,,20,", "--keep"])).toEqual({
      rate: 100,
      minuteDays: 0,
      ramp: [10, 20],
      keep: true,
    });
    expect(benchArgs(spec, ["--rate", "0.5"]).rate).toBe(0.5);
    expect(benchArgs(spec, ["--ramp", ""]).ramp).toEqual([]);
  });

  it("refuses a value that is not what the option needs, naming the option", () => {
    expect(() => benchArgs(spec, ["--rate", "0"])).toThrow("--rate must be a positive number");
    expect(() => benchArgs(spec, ["--rate", "fast"])).toThrow("--rate must be a positive number");
    expect(() => benchArgs(spec, ["--rate", "Infinity"])).toThrow("--rate must be a positive number");
    expect(() => benchArgs(spec, ["--minute-days", "1.5"])).toThrow("--minute-days must be a whole number");
    expect(() => benchArgs(spec, ["--minute-days=-1"])).toThrow("--minute-days must be a whole number");
    expect(() => benchArgs(spec, ["--ramp", "10,x"])).toThrow("--ramp must be a comma-separated list of positive numbers");
  });

  it("refuses an unknown option, a value for a flag, and a stray argument", () => {
    expect(() => benchArgs(spec, ["--rat", "100"])).toThrow(/Unknown option '--rat'/);
    expect(() => benchArgs(spec, ["--keep=yes"])).toThrow(/does not take an argument/);
    expect(() => benchArgs(spec, ["100"])).toThrow(/Unexpected argument '100'/);
  });

  it("checks defaults too", () => {
    expect(() => benchArgs({ rate: positive(0) }, [])).toThrow("--rate must be a positive number");
  });
});

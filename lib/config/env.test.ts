import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("treats an empty DATABASE_URL as unset, so the embedded database starts", () => {
    expect(readEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
  it("names the variable that is wrong", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => readEnv({ PORT: "abc" })).toThrow(/PORT/);
  });
  it("applies defaults", () => {
    expect(readEnv({})).toMatchObject({ PORT: 3000, TETHER_DATA_DIR: ".data", TETHER_DEMO: "auto", TETHER_WORKER_CONCURRENCY: 100 });
  });
  it("opens /metrics only for TETHER_METRICS_PUBLIC=true, and refuses anything but true or false", () => {
    expect(readEnv({}).TETHER_METRICS_PUBLIC).toBe(false);
    expect(readEnv({ TETHER_METRICS_PUBLIC: "" }).TETHER_METRICS_PUBLIC).toBe(false);
    expect(readEnv({ TETHER_METRICS_PUBLIC: "true" }).TETHER_METRICS_PUBLIC).toBe(true);
    expect(() => readEnv({ TETHER_METRICS_PUBLIC: "yes" })).toThrow(/TETHER_METRICS_PUBLIC: must be true or false/);
  });
});

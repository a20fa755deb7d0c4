import { describe, expect, it } from "vitest";
import { dashboardUrl, readEnv } from "./env";

describe("readEnv", () => {
  it("treats an empty DATABASE_URL as unset, so the embedded database starts", () => {
    expect(readEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });
  it("names the variable that is wrong", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => readEnv({ DATABASE_READ_URL: "mysql://replica" })).toThrow(/DATABASE_READ_URL: must be a postgresql:\/\/ URL/);
    expect(readEnv({ DATABASE_READ_URL: "" }).DATABASE_READ_URL).toBeUndefined();
    expect(() => readEnv({ PORT: "abc" })).toThrow(/PORT/);
  });
  it("applies defaults", () => {
    expect(readEnv({})).toMatchObject({ PORT: 3000, TETHER_DATA_DIR: ".data", TETHER_DEMO: "auto", TETHER_WORKER_CONCURRENCY: 100 });
  });
  it("takes the concurrency 1,000 probes/s needs (1,600, as the benchmark runs it), and names a bad one", () => {
    expect(readEnv({ TETHER_WORKER_CONCURRENCY: "1600" }).TETHER_WORKER_CONCURRENCY).toBe(1600);
    expect(() => readEnv({ TETHER_WORKER_CONCURRENCY: "5001" })).toThrow(/TETHER_WORKER_CONCURRENCY/);
    expect(() => readEnv({ TETHER_WORKER_CONCURRENCY: "0" })).toThrow(/TETHER_WORKER_CONCURRENCY/);
  });
  it("opens /metrics only for TETHER_METRICS_PUBLIC=true, and refuses anything but true or false", () => {
    expect(readEnv({}).TETHER_METRICS_PUBLIC).toBe(false);
    expect(readEnv({ TETHER_METRICS_PUBLIC: "" }).TETHER_METRICS_PUBLIC).toBe(false);
    expect(readEnv({ TETHER_METRICS_PUBLIC: "true" }).TETHER_METRICS_PUBLIC).toBe(true);
    expect(() => readEnv({ TETHER_METRICS_PUBLIC: "yes" })).toThrow(/TETHER_METRICS_PUBLIC: must be true or false/);
  });
});

describe("dashboardUrl", () => {
  it("takes NEXTAUTH_URL, then TETHER_PUBLIC_URL, then the bound address (localhost for 0.0.0.0), without a trailing slash", () => {
    expect(dashboardUrl({ NEXTAUTH_URL: "https://tether.example/", TETHER_PUBLIC_URL: "https://other" }, "127.0.0.1", 3000)).toBe("https://tether.example");
    expect(dashboardUrl({ TETHER_PUBLIC_URL: "https://status.example/" }, "127.0.0.1", 3000)).toBe("https://status.example");
    expect(dashboardUrl({ NEXTAUTH_URL: "" }, "0.0.0.0", 8080)).toBe("http://localhost:8080");
    expect(dashboardUrl({}, "10.0.0.5", 3000)).toBe("http://10.0.0.5:3000");
  });
});

import { describe, expect, it } from "vitest";
import { parseCpuTicks, parseKbFields, parsePpid, processTree } from "./process-memory";

describe("process memory", () => {
  it("reads the kB fields of smaps_rollup", () => {
    const text =
      "55d0c0000000-7ffd00000000 ---p 00000000 00:00 0    [rollup]\nRss:              123456 kB\nPss:               98765 kB\nPss_Anon:          50000 kB\n";
    expect(parseKbFields(text)).toEqual({ Rss: 123456, Pss: 98765, Pss_Anon: 50000 });
  });

  it("reads the parent pid past a command holding spaces and parentheses", () => {
    expect(parsePpid("4242 (node (web) x) S 4000 4242 4000 0 -1")).toBe(4000);
  });

  it("reads user + system CPU ticks", () => {
    expect(parseCpuTicks("4242 (node (web) x) S 4000 4242 4000 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 11")).toBe(281);
  });

  it("finds this process and its memory", () => {
    const [self] = processTree(process.pid);
    expect(self!.pid).toBe(process.pid);
    expect(self!.rssKb).toBeGreaterThan(1000);
    expect(self!.pssKb).toBeGreaterThan(0);
    expect(self!.pssKb).toBeLessThanOrEqual(self!.rssKb);
    // A node process: a heap of its own and the binary mapped from a file, which make up most of its resident set.
    expect(self!.rssAnonKb).toBeGreaterThan(1000);
    expect(self!.rssFileKb).toBeGreaterThan(1000);
    expect(self!.rssAnonKb + self!.rssFileKb + self!.rssShmemKb).toBeGreaterThan(self!.rssKb * 0.8);
  });
});

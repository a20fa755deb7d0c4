import { describe, expect, it } from "vitest";
import { webhookSilence } from "./health";

const NOW = Date.parse("2026-11-24T12:00:00Z");

describe("webhook silence", () => {
  it("says when a provider that usually sends every 2 minutes has been quiet for 40", () => {
    expect(webhookSilence(NOW - 40 * 60_000, 120, NOW)).toEqual({ silent: true, message: "Nothing received for 40 min, usually every 2 min" });
  });
  it("is not silent within five usual gaps, or within 10 minutes for chatty providers", () => {
    expect(webhookSilence(NOW - 8 * 60_000, 120, NOW).silent).toBe(false);
    expect(webhookSilence(NOW - 5 * 60_000, 10, NOW).silent).toBe(false);
    expect(webhookSilence(NOW - 11 * 60_000, 10, NOW).silent).toBe(true);
  });
  it("does not guess without enough traffic", () => {
    expect(webhookSilence(null, null, NOW)).toEqual({ silent: false, message: "No webhooks received yet" });
    expect(webhookSilence(NOW - 3 * 3_600_000, null, NOW)).toEqual({
      silent: false,
      message: "Last event 3 h ago; not enough traffic yet to know its usual rate",
    });
  });
});

import { describe, expect, it } from "vitest";
import { messagesPerField } from "../testing/schema-messages";
import { tlsConfigSchema } from "./config";
import { daysLeft, parseAltNames } from "./tls-probe";

const errorsOf = (input: unknown) => messagesPerField(tlsConfigSchema, input);

describe("TLS config", () => {
  it("defaults to port 443, 14 days and a trusted chain", () => {
    expect(tlsConfigSchema.parse({ host: "api.example.com" })).toEqual({ host: "api.example.com", port: 443, minDaysLeft: 14, allowUntrusted: false });
  });

  it("explains the obvious mistakes", () => {
    expect(errorsOf({ host: "https://api.example.com" })).toEqual({ host: ["Enter a host name or IP address, without a scheme, port or path"] });
    expect(errorsOf({ host: "api.example.com", port: 0 })).toEqual({ port: ["The port must be between 1 and 65535"] });
    expect(errorsOf({ host: "api.example.com", minDaysLeft: -1 })).toEqual({ minDaysLeft: ["The minimum cannot be negative"] });
    expect(errorsOf({ host: "api.example.com", minDaysLeft: 2.5 })).toEqual({ minDaysLeft: ["Use whole days"] });
    expect(errorsOf({ host: "api.example.com", servername: "a b" })).toEqual({
      servername: ["Enter a host name or IP address, without a scheme, port or path"],
    });
  });
});

describe("TLS helpers", () => {
  it("counts whole days left, negative once expired", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(daysLeft(new Date(now + 3 * 86_400_000 + 1), now)).toBe(3);
    expect(daysLeft(new Date(now + 3 * 86_400_000 - 1), now)).toBe(2);
    expect(daysLeft(new Date(now - 1), now)).toBe(-1);
  });

  it("reads the names out of subjectaltname", () => {
    expect(parseAltNames("DNS:example.com, DNS:*.example.com, IP Address:10.0.0.1")).toEqual(["example.com", "*.example.com", "10.0.0.1"]);
    expect(parseAltNames(undefined)).toEqual([]);
  });
});

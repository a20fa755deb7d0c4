import { describe, expect, it } from "vitest";
import { messagesPerField } from "../testing/schema-messages";
import { dnsConfigSchema, parseResolver } from "./config";
import { missingValues, normalizeExpected } from "./dns-probe";

const errorsOf = (input: unknown) => messagesPerField(dnsConfigSchema, input);

describe("DNS config", () => {
  it("defaults to an A lookup with nothing expected, through the system resolver", () => {
    expect(dnsConfigSchema.parse({ name: " example.com " })).toEqual({ name: "example.com", recordType: "A", expect: [] });
    expect(dnsConfigSchema.parse({ name: "_sip._tcp.example.com.", recordType: "SRV", resolver: "[2001:db8::53]:5353" }).resolver).toBe("[2001:db8::53]:5353");
  });

  it("explains the obvious mistakes", () => {
    expect(errorsOf({ name: "" })).toEqual({ name: ["Enter the name to look up"] });
    expect(errorsOf({ name: "https://example.com/" })).toEqual({ name: ["Enter a domain name such as example.com, without a scheme or path"] });
    expect(errorsOf({ name: "example.com", recordType: "PTR" })).toEqual({ recordType: ["Choose a record type: A, AAAA, CNAME, MX, TXT, NS, SRV"] });
    expect(errorsOf({ name: "example.com", resolver: "dns.google" })).toEqual({
      resolver: ["Enter the resolver as an IP address with an optional port, e.g. 10.0.0.2:53 or [2001:db8::53]:53"],
    });
    expect(errorsOf({ name: "example.com", resolver: "10.0.0.2:70000" })).toHaveProperty("resolver");
    expect(errorsOf({ name: "example.com", expect: ["1.2.3.4", " "] })).toEqual({ expect: ["Remove the empty expected value"] });
  });

  it("parses resolver addresses with and without ports", () => {
    expect(parseResolver("10.0.0.2")).toEqual({ ip: "10.0.0.2", port: 53 });
    expect(parseResolver("10.0.0.2:5353")).toEqual({ ip: "10.0.0.2", port: 5353 });
    expect(parseResolver("::1")).toEqual({ ip: "::1", port: 53 });
    expect(parseResolver("[::1]:5353")).toEqual({ ip: "::1", port: 5353 });
    expect(parseResolver("10.0.0.256")).toBeNull();
    expect(parseResolver("resolver.local:53")).toBeNull();
  });
});

describe("DNS expectations", () => {
  it("compares case-insensitively, without the final dot, IPv6 in canonical form", () => {
    expect(normalizeExpected("Mail.Example.com.", "MX")).toBe("mail.example.com");
    expect(normalizeExpected("sip.example.com.:5060", "SRV")).toBe("sip.example.com:5060");
    expect(normalizeExpected("2001:DB8:0::1", "AAAA")).toBe("2001:db8::1");
    expect(normalizeExpected("v=spf1 include:_spf.Example.com ~all", "TXT")).toBe("v=spf1 include:_spf.example.com ~all");
  });

  it("lists the expected values no answer matches", () => {
    const answers = [{ text: "10 mx.example.com", keys: ["mx.example.com", "10 mx.example.com"] }];
    expect(missingValues(["MX.example.com", "10 mx.example.com."], answers, "MX")).toEqual([]);
    expect(missingValues(["mx2.example.com"], answers, "MX")).toEqual(["mx2.example.com"]);
  });
});

// What a DNS check may be configured with: a name, a record type, optionally a resolver to ask instead of the
// system's, and values the answer must contain.
import { z } from "zod";
import { defineKind } from "../shared/kind-info";
import { parseResolver } from "../shared/resolver";

export { parseResolver };

export const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV"] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

// Labels of letters, digits, hyphens and underscores (SRV names start with _service._proto), optional final dot.
const DOMAIN = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

export const dnsConfigSchema = z.object({
  name: z
    .string({ error: "Enter the name to look up" })
    .trim()
    .min(1, { error: "Enter the name to look up", abort: true })
    .regex(DOMAIN, "Enter a domain name such as example.com, without a scheme or path"),
  recordType: z.enum(DNS_RECORD_TYPES, { error: `Choose a record type: ${DNS_RECORD_TYPES.join(", ")}` }).default("A"),
  /** An IP address with an optional port ("10.0.0.2", "10.0.0.2:5353", "[2001:db8::53]:53"); absent = the system's. */
  resolver: z
    .string()
    .trim()
    .refine((r) => parseResolver(r) !== null, "Enter the resolver as an IP address with an optional port, e.g. 10.0.0.2:53 or [2001:db8::53]:53")
    .optional(),
  /** Every value must be in the answer (case-insensitive; for MX the exchange, for SRV the target or target:port). */
  expect: z
    .array(z.string().trim().min(1, "Remove the empty expected value").max(1_000, "An expected value may be at most 1000 characters"))
    .max(50, "At most 50 expected values")
    .default([]),
});
export type DnsConfig = z.infer<typeof dnsConfigSchema>;

export const dnsInfo = defineKind({
  configSchema: dnsConfigSchema,
  label: "DNS",
  description: "Resolves a name and checks the expected records",
  defaults: { recordType: "A", expect: [] },
  fields: [
    { key: "name", label: "Name", type: "text", placeholder: "api.example.com" },
    { key: "recordType", label: "Record type", type: "select", options: DNS_RECORD_TYPES.map((t) => ({ value: t, label: t })) },
    { key: "resolver", label: "Resolver", type: "text", hint: "Optional, ip[:port]; the system resolver otherwise", placeholder: "1.1.1.1" },
    { key: "expect", label: "Expected values", type: "lines", wide: true, hint: "One per line; each must be in the answer" },
  ],
  target: (c) => `${c.recordType ?? "A"} ${c.name ?? ""}`,
});

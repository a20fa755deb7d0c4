// What a certificate-expiry check may be configured with: where to connect, which name to present and verify,
// how many days of validity must be left, and whether a chain we do not trust is acceptable.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { defineKind, hostAndPort } from "../shared/kind-info";

const address = addressFields();

export const tlsConfigSchema = z.object({
  host: address.host,
  port: address.port.default(443),
  /** The name sent as SNI and checked against the certificate, when it differs from the host connected to. */
  servername: address.host.optional(),
  minDaysLeft: z
    .number({ error: "Enter the minimum number of days" })
    .int("Use whole days")
    .min(0, "The minimum cannot be negative")
    .max(825, "The minimum may be at most 825 days (the longest a public certificate lives)")
    .default(14),
  /** For internal or self-signed certificates: skip the chain check, still check the name and the dates. */
  allowUntrusted: z.boolean({ error: "Choose yes or no" }).default(false),
});
export type TlsConfig = z.infer<typeof tlsConfigSchema>;

export const tlsInfo = defineKind({
  configSchema: tlsConfigSchema,
  label: "TLS certificate",
  description: "Checks a certificate's trust, name and days left",
  defaults: { port: 443, minDaysLeft: 14, allowUntrusted: false },
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "api.example.com" },
    { key: "port", label: "Port", type: "number" },
    { key: "minDaysLeft", label: "Minimum days left", type: "number" },
    { key: "servername", label: "Server name (SNI)", type: "text", hint: "Optional, when it differs from the host" },
    { key: "allowUntrusted", label: "Allow untrusted (self-signed) chains", type: "switch" },
  ],
  target: (c) => `tls://${hostAndPort(c)}`,
});

// What a TCP check may be configured with: a host and port to connect to, optionally a line to send and a
// pattern the first bytes back must match (an SMTP "^220", an SSH "^SSH-2\.0", a Redis "^\+PONG").
import { z } from "zod";

// Letters, digits, hyphens and underscores (service labels such as _sip), dot-separated, optional final dot.
const HOSTNAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;
const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/**
 * A host name or IP literal as typed in a form (IPv6 may be bracketed; the brackets are dropped). No node:
 * imports here: these schemas also validate forms in the browser. The SSRF guard judges it at run time.
 */
export const hostSchema = z
  .string({ error: "Enter a host name or IP address" })
  .trim()
  .min(1, "Enter a host name or IP address")
  .transform((h) => (h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h))
  .refine((h) => HOSTNAME.test(h) || ipv4.safeParse(h).success || ipv6.safeParse(h).success, "Enter a host name or IP address, without a scheme, port or path");

export const portSchema = z
  .number({ error: "Enter a port number" })
  .int("The port is a whole number")
  .min(1, "The port must be between 1 and 65535")
  .max(65_535, "The port must be between 1 and 65535");

export const tcpConfigSchema = z.object({
  host: hostSchema,
  port: portSchema,
  /** Written once connected. The escapes \r, \n, \t and \\ are interpreted, so a form can send "PING\r\n". */
  send: z.string().max(4_096, "The text to send may be at most 4096 characters").optional(),
  /** A regular expression the bytes received must match; without it the check passes once connected. */
  expect: z
    .string()
    .min(1, "Enter a pattern, or leave the field out")
    .max(1_000, "The pattern may be at most 1000 characters")
    .refine((pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    }, "Not a valid regular expression")
    .optional(),
});
export type TcpConfig = z.infer<typeof tcpConfigSchema>;

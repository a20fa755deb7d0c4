// What a TCP check may be configured with: a host and port to connect to, optionally a line to send and a
// pattern the first bytes back must match (an SMTP "^220", an SSH "^SSH-2\.0", a Redis "^\+PONG").
// No node: imports: these schemas also validate forms in the browser.
import { z } from "zod";
import { addressFields } from "../shared/fields";
import { defineKind, hostAndPort } from "../shared/kind-info";

const address = addressFields();

export const tcpConfigSchema = z.object({
  host: address.host,
  port: address.port,
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

export const tcpInfo = defineKind({
  configSchema: tcpConfigSchema,
  label: "TCP port",
  description: "Opens a TCP connection; optionally sends text and matches the reply",
  defaults: {},
  fields: [
    { key: "host", label: "Host", type: "text", placeholder: "smtp.example.com" },
    { key: "port", label: "Port", type: "number", placeholder: "25" },
    { key: "send", label: "Send", type: "text", hint: "Optional; \\r\\n escapes work", placeholder: "PING\\r\\n" },
    { key: "expect", label: "Expect (regex)", type: "text", hint: "Optional; matched against the reply", placeholder: "^220" },
  ],
  target: (c) => `tcp://${hostAndPort(c)}`,
});

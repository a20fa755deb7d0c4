// Email over SMTP: server, security, optional login (the password is the secret), sender and recipients.
import { z } from "zod";
import type { ChannelInfo } from "../shared/info";

export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;

const address = z.email({ error: "Enter an email address" });
/** `alerts@example.com` or `Tether <alerts@example.com>`. */
const sender = z
  .string({ error: "Enter the sender address" })
  .trim()
  .refine((v) => address.safeParse(v.match(/^[^<>]*<([^<>]+)>$/)?.[1] ?? v).success, "Enter an address, or Name <address>");

export const emailConfigSchema = z
  .object({
    host: z.string({ error: "Enter the SMTP server's host name" }).trim().min(1, "Enter the SMTP server's host name").max(253),
    port: z.number({ error: "Enter the port" }).int().min(1).max(65_535).default(587),
    security: z.enum(SMTP_SECURITY, { error: "Choose STARTTLS, TLS or none" }).default("starttls"),
    username: z.string().trim().max(320).optional(),
    password: z.string().max(1_024).optional(),
    from: sender,
    to: z.array(address, { error: "Add at least one recipient" }).min(1, "Add at least one recipient").max(50, "At most 50 recipients"),
  })
  .superRefine((c, ctx) => {
    if (c.password && !c.username) ctx.addIssue({ code: "custom", path: ["username"], message: "A password needs a username" });
  });
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const emailInfo: ChannelInfo<EmailConfig> = {
  label: "Email (SMTP)",
  description: "A plain-text and HTML email through your SMTP server",
  configSchema: emailConfigSchema,
  secretFields: ["password"],
  defaults: { port: 587, security: "starttls" },
  fields: [
    { key: "host", label: "SMTP host", type: "text", placeholder: "smtp.example.com" },
    { key: "port", label: "Port", type: "number", hint: "587 for STARTTLS, 465 for TLS, 25 for none" },
    {
      key: "security",
      label: "Security",
      type: "select",
      options: [
        { value: "starttls", label: "STARTTLS (required)" },
        { value: "tls", label: "TLS from the start" },
        { value: "none", label: "None (local relays only)" },
      ],
    },
    { key: "username", label: "Username", type: "text", hint: "Optional" },
    { key: "password", label: "Password", type: "password", hint: "Optional; stored encrypted" },
    { key: "from", label: "From", type: "text", placeholder: "Tether <alerts@example.com>" },
    { key: "to", label: "To", type: "lines", placeholder: "oncall@example.com", hint: "One address per line" },
  ],
  target: (c) => `smtp://${c.host}:${c.port}`,
  destinationFields: ["host", "port", "security"],
};

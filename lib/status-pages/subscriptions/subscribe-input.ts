// What a visitor may send to subscribe, checked at the boundary: an email address, or (JSON clients) a webhook URL,
// and optionally the components they care about (none means the whole page).
import { z } from "zod";

const components = z
  .array(z.string().regex(/^[a-z0-9-]{1,40}$/, "Choose components of this page"))
  .max(100)
  .default([]);

export const subscribeInputSchema = z.discriminatedUnion(
  "channel",
  [
    z.object({
      channel: z.literal("email"),
      address: z
        .email({ error: "Enter an email address" })
        .max(320)
        .transform((v) => v.toLowerCase()),
      components,
    }),
    z.object({
      channel: z.literal("webhook"),
      address: z.url({ protocol: /^https?$/, error: "Enter an http(s) URL" }).max(2_000),
      components,
    }),
  ],
  { error: "Subscribe by email or webhook" },
);
export type SubscribeInput = z.infer<typeof subscribeInputSchema>;

/** The HTML form's fields (email, repeated `component`) as the schema's input. */
export function subscribeFormInput(form: FormData): unknown {
  return { channel: "email", address: String(form.get("email") ?? "").trim(), components: form.getAll("component").map(String) };
}

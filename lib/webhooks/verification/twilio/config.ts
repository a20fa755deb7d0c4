import { z } from "zod";
import { defineScheme, httpUrl } from "../fields";

export const twilioVerificationConfigSchema = z.object({
  /** Twilio signs the URL it requested; the query string is taken from the request as received. */
  url: httpUrl("Enter the webhook URL exactly as it is set in Twilio").refine((url) => !url.includes("?") && !url.includes("#"), {
    message: "Leave the query string out: the one Twilio sends is signed as received",
  }),
  /** HMAC-SHA1 with the Auth Token, unless the account signs with a SharedKey and HMAC-SHA256. */
  algorithm: z.enum(["sha1", "sha256"], { error: "Choose sha1 or sha256" }).default("sha1"),
});
export type TwilioVerificationConfig = z.infer<typeof twilioVerificationConfigSchema>;

export const twilioScheme = defineScheme({
  label: "Twilio (X-Twilio-Signature)",
  configSchema: twilioVerificationConfigSchema,
  secret: { label: "Auth Token", hint: "Twilio Console → Account → API keys & tokens → Live credentials → Auth Token" },
  configExample: { url: "https://tether.example.com/api/webhooks/in/twilio" },
});

// Senders without a delivery-id header (Stripe, Slack) put the event id in the JSON body. It is read only after
// the signature holds, and a body that is not a JSON object simply has no id: de-duplication is then skipped.

export function jsonStringField(rawBody: Buffer, field: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const value = (parsed as Record<string, unknown>)[field];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

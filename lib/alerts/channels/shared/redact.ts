// Targets shown without their secrets. Pure.

/** A URL whose path is the secret (Slack, Discord, Teams webhooks): scheme, host and first path segment only. */
export function redactSecretUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const [first, ...rest] = url.pathname.split("/").filter(Boolean);
    return `${url.protocol}//${url.host}/${first && rest.length > 0 ? `${first}/` : ""}…`;
  } catch {
    return "(invalid URL)";
  }
}

/** A URL without credentials and without its query string, which may hold tokens. */
export function redactUrlQuery(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

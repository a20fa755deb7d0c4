// One entry point: a fetched body, in the format its URL implies, to a normalised reading.
import type { StatusFormat, StatusReading } from "./reading";
import { parseSlackStatus } from "./slack/parse";
import { parseStatuspageSummary } from "./statuspage/parse";

export const STATUS_PARSERS = {
  statuspage: parseStatuspageSummary,
  slack: parseSlackStatus,
} satisfies Record<StatusFormat, (body: unknown, fetchedAt: Date) => StatusReading>;

/** Text in, reading out; not-JSON reads as `unknown`. */
export function parseStatusBody(format: StatusFormat, text: string, fetchedAt: Date): StatusReading {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { indicator: "unknown", description: "Unrecognised status page", incidents: [], fetchedAt: fetchedAt.toISOString() };
  }
  return STATUS_PARSERS[format](body, fetchedAt);
}

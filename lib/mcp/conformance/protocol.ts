// The negotiated protocol revision. Tether knows 2024-11-05, 2025-03-26, 2025-06-18 and 2025-11-25 through
// `initialize`, and 2026-07-28 through `server/discover` (the HTTP negotiation). A revision we do not know is
// an error (no client can rely on what it means); one older than the latest is worth knowing (info).
import type { Finding } from "../types";
import type { ServerFacts } from "./facts";
import { clip } from "./failure";

export const INITIALIZE_REVISIONS = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] as const;
/** Reached through `server/discover` rather than `initialize`. */
export const DISCOVER_REVISION = "2026-07-28";
export const KNOWN_REVISIONS: readonly string[] = [...INITIALIZE_REVISIONS, DISCOVER_REVISION];
/** The newest revision negotiated through initialize. */
export const LATEST_INITIALIZE_REVISION: (typeof INITIALIZE_REVISIONS)[number] = "2025-11-25";

export function protocolChecks(facts: ServerFacts): Finding[] {
  const version = facts.session.protocolVersion;
  if (version === undefined) return [];
  if (!KNOWN_REVISIONS.includes(version)) {
    return [
      {
        rule: "protocol-version-unknown",
        severity: "error",
        message: `The server answered with a protocol revision that is not one of ${KNOWN_REVISIONS.join(", ")}`,
        subject: "initialize",
        detail: `asked for ${facts.requestedVersion}, got ${clip(JSON.stringify(version), 60)}`,
      },
    ];
  }
  if (KNOWN_REVISIONS.indexOf(version) < KNOWN_REVISIONS.indexOf(LATEST_INITIALIZE_REVISION)) {
    return [
      {
        rule: "protocol-version-old",
        severity: "info",
        message: `The server speaks protocol revision ${version}, older than ${LATEST_INITIALIZE_REVISION}`,
        subject: "initialize",
        detail: `asked for ${facts.requestedVersion}, got ${version}`,
      },
    ];
  }
  return [];
}

// Stores the versions of an MCP server's tool list. The decision is lib/mcp/changes' (nextToolVersion); this writes
// it. Two workers recording runs of one integration at once race for the next seq: the (integrationId, seq) unique
// constraint lets one win, and the loser decides again against the version that won (often finding nothing new).
import { nextToolVersion, setFingerprint, type LastToolVersion } from "../mcp/changes";
import type { ToolDefinition } from "../mcp/types";
import type { Db } from "./client";
import type { McpToolVersion } from "./generated/client";
import { pgCode } from "./pg-code";

/** Tries before giving up: each miss means another writer stored a version of this integration meanwhile. */
const MAX_ATTEMPTS = 10;

export interface RecordToolsInput {
  integrationId: string;
  tools: readonly ToolDefinition[];
  runId: bigint | null;
  at: Date;
}

/** The latest version, read cheaply: its tools are loaded only when the fingerprint differs. */
async function latest(db: Db, integrationId: string, fingerprint: string): Promise<LastToolVersion | null> {
  const head = await db.mcpToolVersion.findFirst({ where: { integrationId }, orderBy: { seq: "desc" }, select: { id: true, seq: true, setFingerprint: true } });
  if (!head) return null;
  if (head.setFingerprint === fingerprint) return { seq: head.seq, setFingerprint: head.setFingerprint, tools: [] };
  const row = await db.mcpToolVersion.findUniqueOrThrow({ where: { id: head.id }, select: { tools: true } });
  return { seq: head.seq, setFingerprint: head.setFingerprint, tools: row.tools as unknown as ToolDefinition[] };
}

/** Writes the run's tool list as a new version when it differs from the latest; null when it does not. */
export async function recordToolVersion(db: Db, input: RecordToolsInput): Promise<McpToolVersion | null> {
  const fingerprint = setFingerprint(input.tools);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const next = nextToolVersion(await latest(db, input.integrationId, fingerprint), input.tools);
    if (!next) return null;
    try {
      return await db.mcpToolVersion.create({
        data: {
          integrationId: input.integrationId,
          seq: next.seq,
          setFingerprint: next.setFingerprint,
          tools: next.tools as object[],
          changes: next.changes as object[],
          breaking: next.counts.breaking,
          additive: next.counts.additive,
          cosmetic: next.counts.cosmetic,
          firstSeenRunId: input.runId,
          firstSeenAt: input.at,
        },
      });
    } catch (err) {
      const code = pgCode(err);
      if (code === "23503") return null; // the integration was deleted meanwhile
      if (code !== "23505") throw err;
    }
  }
  throw new Error(`could not record a tool version of ${input.integrationId}: versions kept being written meanwhile`);
}

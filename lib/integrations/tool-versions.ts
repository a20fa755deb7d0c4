// An MCP integration's tool versions as the API returns them: newest first, keyset-paged by version number, each
// with its classified changes and a line diff of the tool definitions that changed against the version before.
import type { Db } from "../db/client";
import { keysetPage } from "../db/keyset";
import { toolDefinitionDiffs } from "../mcp/changes/definition-diff";
import type { ToolChange, ToolDefinition } from "../mcp/types";
import { findOr404 } from "./crud";
import type { ToolVersionsPage, ToolVersionView } from "./types";

export async function listToolVersions(db: Db, id: string, opts: { cursor?: number; limit: number }): Promise<ToolVersionsPage> {
  await findOr404(db, id);
  const { items, nextCursor } = await keysetPage(
    opts.limit,
    (take) =>
      db.mcpToolVersion.findMany({
        where: { integrationId: id, ...(opts.cursor !== undefined ? { seq: { lt: opts.cursor } } : {}) },
        orderBy: { seq: "desc" },
        take,
      }),
    (last) => String(last.seq),
  );
  // The version before the oldest shown, to diff it against; the others' predecessors are on the page.
  const oldest = items[items.length - 1];
  const before =
    oldest && oldest.seq > 1 ? await db.mcpToolVersion.findUnique({ where: { integrationId_seq: { integrationId: id, seq: oldest.seq - 1 } } }) : null;
  const bySeq = new Map([...items, ...(before ? [before] : [])].map((v) => [v.seq, v.tools as unknown as ToolDefinition[]]));
  const versions = items.map((v): ToolVersionView => {
    const tools = v.tools as unknown as ToolDefinition[];
    const previous = bySeq.get(v.seq - 1);
    return {
      seq: v.seq,
      firstSeenAt: v.firstSeenAt.toISOString(),
      firstSeenRunId: v.firstSeenRunId?.toString() ?? null,
      toolCount: tools.length,
      counts: { breaking: v.breaking, additive: v.additive, cosmetic: v.cosmetic },
      changes: v.changes as unknown as ToolChange[],
      diffs: previous ? toolDefinitionDiffs(previous, tools) : [],
    };
  });
  return { versions, nextCursor };
}

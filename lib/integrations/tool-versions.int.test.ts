// The tool-version history as the API pages it: newest first by version number, each with its changes and the
// definition diff against the version before, also across a page boundary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordToolVersion } from "../db/mcp-tool-versions";
import type { ToolDefinition } from "../mcp/types";
import { createTestDb, type TestDb } from "../testing/postgres";
import { integrationTimeline } from "../alerts/timeline";
import { listToolVersions } from "./tool-versions";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

const tool = (name: string, maxLength = 10): ToolDefinition => ({ name, inputSchema: { type: "object", properties: { q: { type: "string", maxLength } } } });

describe("listToolVersions", () => {
  it("pages newest first and diffs each version against the one before, across pages", async () => {
    const { id } = await t.db.integration.create({ data: { name: "m", kind: "mcp", config: {}, intervalSeconds: 60, timeoutMs: 1_000 } });
    const lists = [[tool("a")], [tool("a"), tool("b")], [tool("a", 5), tool("b")], [tool("b")]];
    for (const [k, tools] of lists.entries())
      await recordToolVersion(t.db, { integrationId: id, tools, runId: BigInt(k + 1), at: new Date(Date.UTC(2026, 11, 1, k)) });

    const first = await listToolVersions(t.db, id, { limit: 2 });
    expect(first.versions.map((v) => [v.seq, v.toolCount, v.counts.breaking, v.counts.additive])).toEqual([
      [4, 1, 1, 0],
      [3, 2, 1, 0],
    ]);
    expect(first.nextCursor).toBe("3");
    expect(first.versions[0]!.changes).toEqual([{ impact: "breaking", tool: "a", what: "tool removed" }]);
    expect(first.versions[0]!.diffs.map((d) => [d.tool, d.status])).toEqual([["a", "removed"]]);
    // The oldest on the page is diffed against its predecessor, which is on the next page.
    const v3 = first.versions[1]!;
    expect(v3.diffs.map((d) => [d.tool, d.status])).toEqual([["a", "changed"]]);
    expect(
      v3.diffs[0]!.hunks.flat()
        .filter((l) => l.kind !== "context")
        .map((l) => l.text.trim()),
    ).toEqual(['"maxLength": 10,', '"maxLength": 5,']);

    const second = await listToolVersions(t.db, id, { limit: 2, cursor: 3 });
    expect(second.versions.map((v) => v.seq)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
    expect(second.versions[1]).toMatchObject({ seq: 1, changes: [], diffs: [], firstSeenRunId: "1", firstSeenAt: "2026-12-01T00:00:00.000Z" });

    // The integration's timeline lists each change of the tool list (not the first list seen).
    const timeline = await integrationTimeline(t.db, id, { from: new Date(Date.UTC(2026, 10, 30)), to: new Date(Date.UTC(2026, 11, 1, 12)) });
    expect(timeline.items.filter((i) => i.kind === "tool_version")).toEqual([
      { kind: "tool_version", at: "2026-12-01T03:00:00.000Z", seq: 4, breaking: 1, additive: 0, cosmetic: 0 },
      { kind: "tool_version", at: "2026-12-01T02:00:00.000Z", seq: 3, breaking: 1, additive: 0, cosmetic: 0 },
      { kind: "tool_version", at: "2026-12-01T01:00:00.000Z", seq: 2, breaking: 0, additive: 1, cosmetic: 0 },
    ]);
  });

  it("answers 404 for an integration that does not exist", async () => {
    await expect(listToolVersions(t.db, "00000000-0000-4000-8000-000000000000", { limit: 5 })).rejects.toMatchObject({ status: 404 });
  });
});

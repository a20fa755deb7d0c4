// Tool versions against a real database: written only when the set fingerprint changes, numbered 1, 2, 3… per
// integration, and never doubled when several writers record runs of one integration at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ToolDefinition } from "../mcp/types";
import { createTestDb, type TestDb } from "../testing/postgres";
import { recordToolVersion } from "./mcp-tool-versions";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.integration.deleteMany();
});

async function integration(name = "mcp"): Promise<string> {
  const row = await t.db.integration.create({
    data: { name, kind: "mcp", config: { transport: "http", url: "http://127.0.0.1:1/mcp" }, intervalSeconds: 30, timeoutMs: 1_000 },
  });
  return row.id;
}

const tool = (name: string, maxLength = 10): ToolDefinition => ({
  name,
  inputSchema: { type: "object", properties: { q: { type: "string", maxLength } }, required: ["q"] },
});
const at = new Date("2026-12-01T10:00:00.000Z");

describe("recordToolVersion", () => {
  it("writes version 1, then nothing for the same list, then version 2 with its changes", async () => {
    const id = await integration();
    const v1 = await recordToolVersion(t.db, { integrationId: id, tools: [tool("b"), tool("a")], runId: 1n, at });
    expect(v1).toMatchObject({ seq: 1, breaking: 0, additive: 0, cosmetic: 0, changes: [], firstSeenRunId: 1n, firstSeenAt: at });
    expect((v1!.tools as { name: string }[]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(await recordToolVersion(t.db, { integrationId: id, tools: [tool("a"), tool("b")], runId: 2n, at })).toBeNull();
    const v2 = await recordToolVersion(t.db, { integrationId: id, tools: [tool("a", 5)], runId: 3n, at: new Date(at.getTime() + 60_000) });
    expect(v2).toMatchObject({ seq: 2, breaking: 2, additive: 0, cosmetic: 0, firstSeenRunId: 3n });
    expect(v2!.changes).toEqual([
      { impact: "breaking", tool: "a", what: "maxLength of input property q lowered (10 → 5)", pointer: "/inputSchema/properties/q/maxLength" },
      { impact: "breaking", tool: "b", what: "tool removed" },
    ]);
    expect(await t.db.mcpToolVersion.count({ where: { integrationId: id } })).toBe(2);
  });

  it("eight writers with different lists at once all land, numbered 1 to 8 with no number doubled", async () => {
    const id = await integration();
    const lists = [[tool("a")], [tool("a"), tool("b")], [tool("c")], [tool("a", 3)], [tool("d")], [tool("e")], [tool("f")], [tool("g")]];
    const written = await Promise.all(lists.map((tools, k) => recordToolVersion(t.db, { integrationId: id, tools, runId: BigInt(k + 1), at })));
    expect(written.every((w) => w !== null)).toBe(true);
    const rows = await t.db.mcpToolVersion.findMany({ where: { integrationId: id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Each version's changes are classified against the one right before it, whoever wrote it.
    expect(rows[0]!.changes).toEqual([]);
    for (const r of rows.slice(1)) expect((r.changes as unknown[]).length).toBeGreaterThan(0);
  });

  it("many writers of the same new list at once write it once", async () => {
    const id = await integration();
    await recordToolVersion(t.db, { integrationId: id, tools: [tool("a")], runId: 1n, at });
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, k) => recordToolVersion(t.db, { integrationId: id, tools: [tool("a"), tool("b")], runId: BigInt(k + 2), at })),
    );
    expect(written.filter((w) => w !== null)).toHaveLength(1);
    const rows = await t.db.mcpToolVersion.findMany({ where: { integrationId: id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.additive])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it("numbers each integration on its own", async () => {
    const a = await integration("a");
    const b = await integration("b");
    await recordToolVersion(t.db, { integrationId: a, tools: [tool("x")], runId: null, at });
    await recordToolVersion(t.db, { integrationId: a, tools: [tool("y")], runId: null, at });
    expect(await recordToolVersion(t.db, { integrationId: b, tools: [tool("x")], runId: null, at })).toMatchObject({ seq: 1 });
  });

  it("returns null for an integration that is gone", async () => {
    expect(await recordToolVersion(t.db, { integrationId: "00000000-0000-4000-8000-000000000000", tools: [tool("x")], runId: null, at })).toBeNull();
  });
});

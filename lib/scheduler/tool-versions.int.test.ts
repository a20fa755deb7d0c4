// The worker path end to end: real MCP probe runs (executeProbe) against a real SDK MCP server whose tool list the
// test changes between runs write tool versions, and an mcp_breaking_change rule fires on the breaking one, resolves
// on a clean later one, and resolves when someone acknowledges it, staying quiet for that version afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAlertEvaluation } from "../alerts/evaluation-job";
import { acknowledgeIncident } from "../alerts/incidents/incidents";
import { ruleInputSchema } from "../alerts/rule";
import { startToolListServer, type ToolListServer } from "../mcp/testing/changes/tool-list-server";
import type { ToolDefinition } from "../mcp/types";
import { createTestDb, type TestDb } from "../testing/postgres";
import { executeProbe } from "./execute-probe";

let t: TestDb;
let server: ToolListServer;
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const admin = { principal: { kind: "user" as const, userId: "00000000-0000-4000-8000-000000000001", email: "a@x", role: "admin" as const, label: "a@x" } };

const search = (mode: string[], extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name: "search",
  description: "Searches the catalogue",
  inputSchema: { type: "object", properties: { q: { type: "string" }, mode: { type: "string", enum: mode } }, required: ["q"] },
  ...extra,
});
const fetchTool: ToolDefinition = { name: "fetch", inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] } };

beforeAll(async () => {
  t = await createTestDb();
  server = await startToolListServer([]);
});
afterAll(async () => {
  await server.close();
  await t.close();
});
beforeEach(async () => {
  await t.db.alertRule.deleteMany();
  await t.db.integration.deleteMany();
  await t.db.notificationChannel.deleteMany();
});

async function setup() {
  const row = await t.db.integration.create({
    data: {
      name: "Agent tools",
      kind: "mcp",
      config: { transport: "http", url: server.url, headers: [] },
      intervalSeconds: 60,
      timeoutMs: 10_000,
      retryAttempts: 0,
    },
  });
  let clock = T0;
  const probe = async () => {
    clock += 60_000;
    const outcome = await executeProbe(t.db, row.id, { trigger: "manual", now: () => clock });
    expect(outcome?.record.recorded).toBe(true);
    return outcome!;
  };
  const versions = () => t.db.mcpToolVersion.findMany({ where: { integrationId: row.id }, orderBy: { seq: "asc" } });
  const evaluate = () => runAlertEvaluation(t.db, { workerId: "test", now: new Date(clock) });
  // A channel nobody listens on: the notification is queued (and its text stored), never sent in this test.
  const channel = await t.db.notificationChannel.create({ data: { name: "ops", kind: "webhook", config: { url: "http://127.0.0.1:9/" } } });
  const input = ruleInputSchema.parse({
    name: "Breaking tools",
    scope: { kind: "integration", integrationId: row.id },
    condition: { kind: "mcp_breaking_change" },
    channelIds: [channel.id],
  });
  const rule = await t.db.alertRule.create({ data: { ...input, scope: input.scope, condition: input.condition } });
  return { id: row.id, ruleId: rule.id, probe, versions, evaluate, now: () => new Date(clock) };
}

describe("tool versions from real probe runs", () => {
  it("writes version 1, nothing for an unchanged list, then a classified version 2 tied to its run", async () => {
    const s = await setup();
    server.setTools([search(["fast", "exact"]), fetchTool]);
    const first = await s.probe();
    expect(first.result.details?.toolDefinitions).toHaveLength(2);
    await s.probe();
    let rows = await s.versions();
    expect(rows.map((r) => [r.seq, r.breaking, r.additive, r.cosmetic])).toEqual([[1, 0, 0, 0]]);
    expect(rows[0]!.firstSeenRunId).toBe(first.record.recorded ? first.record.runId : null);
    expect(rows[0]!.firstSeenAt).toEqual(new Date(first.result.startedAt));

    server.setTools([search(["exact", "fuzzy"], { description: "Searches" })]);
    const third = await s.probe();
    rows = await s.versions();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ seq: 2, breaking: 2, additive: 0, cosmetic: 1, firstSeenRunId: third.record.recorded ? third.record.runId : -1n });
    expect(rows[1]!.changes).toEqual([
      { impact: "breaking", tool: "fetch", what: "tool removed" },
      {
        impact: "breaking",
        tool: "search",
        what: "enum of input property mode changed (removed: fast; added: fuzzy)",
        pointer: "/inputSchema/properties/mode/enum",
      },
      { impact: "cosmetic", tool: "search", what: "description changed", pointer: "/description" },
    ]);
  });

  it("the mcp_breaking_change rule fires naming the change, and resolves on a later version without breaking changes", async () => {
    const s = await setup();
    server.setTools([search(["fast", "exact"])]);
    await s.probe();
    expect(await s.evaluate()).toMatchObject({ opened: 0 });

    server.setTools([search(["exact"])]);
    await s.probe();
    expect(await s.evaluate()).toMatchObject({ opened: 1, notifications: 1 });
    const [incident] = await t.db.incident.findMany();
    expect(incident).toMatchObject({ ruleId: s.ruleId, integrationId: s.id, status: "open", conditionKind: "mcp_breaking_change", value: 2, unit: "version" });
    const summary =
      "Agent tools: tool version 2 has 1 breaking change: search: enum of input property mode narrowed (removed: fast) (fires on breaking tool changes)";
    expect(incident!.summary).toBe(summary);
    const [firing] = await t.db.notificationDelivery.findMany({ where: { incidentId: incident!.id, event: "firing" } });
    expect(JSON.stringify(firing!.payload)).toContain("search: enum of input property mode narrowed (removed: fast)");

    // Only additive: a tool added. The incident resolves.
    server.setTools([search(["exact"]), fetchTool]);
    await s.probe();
    expect(await s.evaluate()).toMatchObject({ resolved: 1, notifications: 1 });
    expect(await t.db.incident.findUnique({ where: { id: incident!.id } })).toMatchObject({ status: "resolved" });
    expect(await t.db.notificationDelivery.count({ where: { incidentId: incident!.id, event: "resolved" } })).toBe(1);
    expect((await s.versions()).map((v) => [v.seq, v.breaking, v.additive])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
      [3, 0, 1],
    ]);
  });

  it("acknowledging the incident resolves it; that version stays quiet, and a later breaking one fires again", async () => {
    const s = await setup();
    server.setTools([search(["fast"]), fetchTool]);
    await s.probe();
    server.setTools([search(["fast"])]);
    await s.probe();
    expect(await s.evaluate()).toMatchObject({ opened: 1 });
    const [incident] = await t.db.incident.findMany();
    expect(incident!.summary).toContain("fetch: tool removed");

    await acknowledgeIncident(t.db, incident!.id, admin, s.now());
    expect(await s.evaluate()).toMatchObject({ resolved: 1 });
    const resolved = await t.db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
    expect(resolved.status).toBe("resolved");
    await s.probe(); // the same list: no new version
    expect(await s.evaluate()).toMatchObject({ opened: 0, resolved: 0 });

    server.setTools([{ ...search(["fast"]), inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q", "mode"] } }]);
    await s.probe();
    expect(await s.evaluate()).toMatchObject({ opened: 1 });
    const open = await t.db.incident.findFirstOrThrow({ where: { status: "open" } });
    expect(open.summary).toContain("tool version 3 has 2 breaking changes: search: input property mode removed; search: input property mode newly required");
  });
});

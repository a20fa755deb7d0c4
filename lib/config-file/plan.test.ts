import { describe, expect, it } from "vitest";
import { diffEntry, makePlan, planSummary, prunable, type ServerState } from "./plan";
import { configFileSchema, type ConfigFile } from "./schema";

const file = (raw: unknown): ConfigFile => configFileSchema.parse(raw);
const http = (over: Record<string, unknown> = {}) => ({
  kind: "http",
  config: { url: "https://a.example.com" },
  intervalSeconds: 60,
  timeoutMs: 5000,
  ...over,
});
const server = (raw: unknown, managed: Partial<ServerState["managed"]> = {}): ServerState => ({
  fingerprint: "fp-1",
  config: file(raw),
  managed: { integrations: [], channels: [], webhookSources: [], alertRules: [], silences: [], ...managed },
});

describe("makePlan", () => {
  it("creates what the server lacks, in dependency order, and records the server's fingerprint", () => {
    const plan = makePlan(
      file({
        alertRules: { down: { scope: { kind: "integration", integration: "api" }, condition: { kind: "circuit_open" }, channels: ["ops"] } },
        channels: { ops: { kind: "slack", config: { webhookUrl: "${SLACK}" } } },
        integrations: { api: http() },
      }),
      server({}),
    );
    expect(plan.fingerprint).toBe("fp-1");
    expect(plan.changes.map((c) => `${c.action} ${c.type} ${c.name}`)).toEqual(["create integrations api", "create channels ops", "create alertRules down"]);
    expect(plan.changes[1]!.secrets).toEqual(["config.webhookUrl"]);
    expect(planSummary(plan)).toEqual({ create: 3, update: 0, delete: 0, unchanged: 0 });
  });

  it("shows an update per property, and nothing for an equal resource", () => {
    const current = server({ integrations: { api: http(), same: http() } }, { integrations: ["api", "same"] });
    const plan = makePlan(file({ integrations: { api: http({ timeoutMs: 2000, tags: ["payments"] }), same: http() } }), current);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ action: "update", name: "api" });
    expect(plan.changes[0]!.properties).toEqual([
      { path: "tags", before: [], after: ["payments"] },
      { path: "timeoutMs", before: 5000, after: 2000 },
    ]);
    expect(plan.unchanged).toEqual([{ type: "integrations", name: "same" }]);
  });

  it("adopting a resource made by hand is an update of managedBy", () => {
    const plan = makePlan(file({ integrations: { api: http() } }), server({ integrations: { api: http() } }));
    expect(plan.changes[0]!.properties).toEqual([{ path: "managedBy", after: "config" }]);
  });

  it("deletes only with --prune, and only what config manages", () => {
    const current = server({ integrations: { old: http(), handmade: http() } }, { integrations: ["old"] });
    const keep = makePlan(file({}), current);
    expect(keep.changes).toEqual([]);
    expect(keep.unmanaged).toEqual([{ type: "integrations", name: "handmade" }]);
    expect(prunable(file({}), current)).toEqual([{ type: "integrations", name: "old" }]);
    const pruned = makePlan(file({}), current, { prune: true });
    expect(pruned.changes.map((c) => `${c.action} ${c.name}`)).toEqual(["delete old"]);
  });

  it("compares secrets by presence: a set secret is unchanged whatever its reference, a missing one is sent", () => {
    const current = server({ integrations: { api: http({ secrets: { API_KEY: "${API_API_KEY}" } }) } }, { integrations: ["api"] });
    expect(makePlan(file({ integrations: { api: http({ secrets: { API_KEY: "${MY_KEY}" } }) } }), current).changes).toEqual([]);
    const added = makePlan(file({ integrations: { api: http({ secrets: { API_KEY: "${MY_KEY}", OTHER: "${OTHER}" } }) } }), current);
    expect(added.changes[0]).toMatchObject({ secrets: ["secrets.OTHER"], properties: [{ path: "secrets.OTHER", after: "(secret)" }] });
    const resent = makePlan(file({ integrations: { api: http({ secrets: { API_KEY: "${MY_KEY}" } }) } }), current, { resendSecrets: true });
    expect(resent.changes[0]!.secrets).toEqual(["secrets.API_KEY"]);
    expect(JSON.stringify([added, resent])).not.toMatch(/"before":"\$\{/);
  });

  it("a channel's settings count only where the file names them (the server fills in the kind's defaults)", () => {
    const current = server(
      { channels: { ops: { kind: "webhook", config: { url: "https://h.example.com", secret: "${CHANNEL_OPS_SECRET}" } } } },
      { channels: ["ops"] },
    );
    expect(makePlan(file({ channels: { ops: { kind: "webhook", config: { url: "https://h.example.com" } } } }), current).changes).toEqual([]);
    const moved = makePlan(file({ channels: { ops: { kind: "webhook", config: { url: "https://elsewhere.example.com" } } } }), current);
    expect(moved.changes[0]!.properties).toEqual([{ path: "config.url", before: "https://h.example.com", after: "https://elsewhere.example.com" }]);
  });
});

describe("diffEntry", () => {
  it("a ${...} outside a secret's place is plain text, compared and never sent as a secret", () => {
    const spec = http({ config: { url: "https://a.example.com/${path}" } });
    expect(diffEntry("integrations", spec, http())).toEqual([{ path: "config.url", before: "https://a.example.com", after: "https://a.example.com/${path}" }]);
    expect(makePlan(file({ integrations: { api: spec } }), server({})).changes[0]!.secrets).toEqual([]);
  });

  it("treats absent and null alike, and removed fields as removals", () => {
    expect(diffEntry("silences", { reason: "x", tag: null }, { reason: "x" })).toEqual([]);
    expect(diffEntry("silences", { reason: "x" }, { reason: "x", tag: "db" })).toEqual([{ path: "tag", before: "db" }]);
  });
});

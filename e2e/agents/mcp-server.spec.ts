// Tether's own MCP server on the production build, as an agent meets it: tokens made on the API tokens route by a
// signed-in admin, the official SDK client over streamable HTTP, a viewer refused an editor tool, an editor's
// probe recorded and audited, and Tether's own conformance engine finding no errors.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { runConformance } from "../../lib/mcp/conformance";
import { E2E } from "../env";
import { expect, sameOrigin, test } from "../fixtures";

const MCP_URL = `${E2E.baseURL}/api/mcp`;

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "tether-e2e-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(MCP_URL), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}

test("an agent reads health with a viewer token, is refused probe_now, and probes with an editor token", async ({ page, sql }) => {
  const token = async (role: "viewer" | "editor") => {
    const res = await page.request.post("/api/tokens", { data: { name: `mcp e2e ${role} ${Date.now()}`, role }, headers: sameOrigin });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const viewerToken = await token("viewer");
  const editorToken = await token("editor");

  const viewer = await connect(viewerToken);
  const listed = await viewer.callTool({ name: "list_integrations", arguments: {} });
  const integrations = (listed.structuredContent as { integrations: { id: string; name: string; status: string }[] }).integrations;
  const rows = await sql<{ name: string }>(`SELECT name FROM "Integration" ORDER BY name`);
  expect(integrations.map((i) => i.name).sort()).toEqual(rows.map((r) => r.name));
  const first = integrations[0]!;

  const refused = await viewer.callTool({ name: "probe_now", arguments: { integration: first.name } });
  expect(refused.isError).toBe(true);
  await viewer.close();

  const editor = await connect(editorToken);
  const probed = await editor.callTool({ name: "probe_now", arguments: { integration: first.id } });
  expect(probed.isError).toBeFalsy();
  const run = (probed.structuredContent as { run: { id: string; trigger: string; trace: { attempts: unknown[] } } }).run;
  expect(run.trigger).toBe("manual");
  expect(run.trace.attempts.length).toBeGreaterThan(0);
  const stored = await sql<{ trigger: string }>(`SELECT "trigger"::text AS trigger FROM "ProbeRun" WHERE id = $1`, [run.id]);
  expect(stored).toEqual([{ trigger: "manual" }]);
  await editor.close();

  const report = await runConformance(
    { transport: "http", url: MCP_URL, headers: { Authorization: `Bearer ${viewerToken}` } },
    { timeoutMs: 15_000, outbound: { allowPrivateNetworks: true }, smokeTool: { name: "list_integrations", arguments: {} } },
  );
  expect(report).toMatchObject({ connected: true, server: { name: "tether" } });
  expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
});

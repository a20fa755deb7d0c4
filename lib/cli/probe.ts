// `tether probe <name>`: finds the integration by name (or id), asks the server to probe it now, prints the run
// with its whole trace, and exits 0 when the run passed, 1 when it failed.
import { UsageError, type ProbeArgs } from "./args";
import type { ApiClient } from "./api-client";
import { integrationListSchema, probeRunSchema, type IntegrationRow } from "./api-schemas";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { renderProbeText } from "./report/probe-text";
import { colorEnabled, makeStyle } from "./report/style";

/** Exact name first, then the id, then a case-insensitive name; several case-insensitive matches are ambiguous. */
export function findIntegration(rows: IntegrationRow[], wanted: string): IntegrationRow {
  const exact = rows.find((r) => r.name === wanted) ?? rows.find((r) => r.id === wanted);
  if (exact) return exact;
  const folded = rows.filter((r) => r.name.toLowerCase() === wanted.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  if (folded.length > 1) throw new UsageError(`"${wanted}" matches ${folded.map((r) => `"${r.name}"`).join(", ")}; give the exact name or the id`);
  const known = rows.map((r) => r.name).slice(0, 10);
  throw new UsageError(`no integration is named "${wanted}"${known.length ? `; there are: ${known.join(", ")}${rows.length > 10 ? ", ..." : ""}` : ""}`);
}

export async function probeCommand(args: ProbeArgs, io: CliIo, api: ApiClient): Promise<ExitCode> {
  const integration = findIntegration(await api.get("/api/integrations", integrationListSchema), args.name);
  const run = await api.post(`/api/integrations/${encodeURIComponent(integration.id)}/probe`, probeRunSchema);
  if (args.json) io.stdout(JSON.stringify({ integration: { id: integration.id, name: integration.name }, run }, null, 2) + "\n");
  else io.stdout(renderProbeText(integration.name, run, makeStyle(colorEnabled(io.stdoutIsTTY, io.env))));
  return run.ok ? EXIT.passed : EXIT.failed;
}

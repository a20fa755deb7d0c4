// `tether status`: every integration's health and the open incidents, as a table or JSON; exits 1 when an enabled
// integration is down (or, with --fail-on degraded, degraded too), so a CI job can gate a deploy on it.
import type { ApiClient } from "./api-client";
import type { StatusArgs, StatusFailOn } from "./args";
import { incidentsPageSchema, integrationListSchema, type IntegrationRow } from "./api-schemas";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { renderStatusText } from "./report/status-text";
import { colorEnabled, makeStyle } from "./report/style";

/** The integrations that fail the gate: enabled ones down, or also degraded. Paused and not-yet-run ones never do. */
export function failingIntegrations(rows: IntegrationRow[], failOn: StatusFailOn): IntegrationRow[] {
  return rows.filter((r) => r.enabled && (r.status === "down" || (failOn === "degraded" && r.status === "degraded")));
}

export async function statusCommand(args: StatusArgs, io: CliIo, api: ApiClient): Promise<ExitCode> {
  const [all, page] = await Promise.all([
    api.get("/api/integrations", integrationListSchema),
    api.get("/api/incidents?status=open&limit=50", incidentsPageSchema),
  ]);
  const rows = all.filter((r) => args.tags.every((t) => r.tags.includes(t)));
  const ids = new Set(rows.map((r) => r.id));
  const incidents = page.incidents.filter((i) => args.tags.length === 0 || ids.has(i.integration.id));
  const failing = failingIntegrations(rows, args.failOn);
  const code = failing.length > 0 ? EXIT.failed : EXIT.passed;
  if (args.json)
    io.stdout(JSON.stringify({ exitCode: code, failOn: args.failOn, failing: failing.map((r) => r.name), integrations: rows, incidents }, null, 2) + "\n");
  else io.stdout(renderStatusText(rows, incidents, failing, makeStyle(colorEnabled(io.stdoutIsTTY, io.env))));
  return code;
}

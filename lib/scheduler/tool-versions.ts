// After a run is recorded: an MCP run's tool definitions (`details.toolDefinitions`) become a new tool version when
// they differ from the latest one (lib/mcp/changes decides, lib/db/mcp-tool-versions writes). A failure here never
// undoes the run: it is logged, and the next run that lists the same tools writes the version then.
import type { Db } from "../db/client";
import { recordToolVersion } from "../db/mcp-tool-versions";
import type { ProbeRunResult } from "../domain/probe-run";
import { toolDefinitionsSchema } from "../mcp/changes";
import { createLogger } from "../observability/logger";

const log = createLogger("tool-versions");

export async function recordToolVersionOf(db: Db, integrationId: string, result: ProbeRunResult, runId: bigint): Promise<void> {
  const raw = result.details?.toolDefinitions;
  if (raw === undefined) return;
  const parsed = toolDefinitionsSchema.safeParse(raw);
  if (!parsed.success) {
    log.warn("tool definitions not recorded as a version: they do not have the expected shape", {
      integration: integrationId,
      issue: parsed.error.issues[0]?.message,
    });
    return;
  }
  try {
    await recordToolVersion(db, { integrationId, tools: parsed.data, runId, at: new Date(result.startedAt) });
  } catch (err) {
    log.warn("tool version not recorded", { integration: integrationId, error: err });
  }
}

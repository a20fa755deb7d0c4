// The baseline file: each server's tool list, saved by a first run and compared by the next. Written sorted and
// without timestamps so a committed baseline changes only when the tools do.
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { toolDefinitionsSchema } from "../mcp/changes";
import type { ToolDefinition } from "../mcp/types";
import { UsageError } from "./args";

const baselineSchema = z.object({
  format: z.literal("tether-mcp-baseline", { error: 'not a Tether MCP baseline (its "format" must be "tether-mcp-baseline")' }),
  version: z.literal(1, { error: "a baseline version this CLI does not know (expected 1)" }),
  servers: z.record(z.string(), z.object({ tools: toolDefinitionsSchema })),
});

export type Baseline = z.infer<typeof baselineSchema>;

/** The baseline at `path`, or undefined when there is none yet. Anything unreadable is a usage error. */
export async function readBaseline(path: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read the baseline ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the baseline ${path} is not JSON: ${(err as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`the baseline ${path} is invalid at ${issue.path.join(".") || "the top level"}: ${issue.message}`);
  }
  return parsed.data;
}

export function baselineOf(servers: { name: string; tools: ToolDefinition[] }[]): Baseline {
  const entries = [...servers].sort((a, b) => a.name.localeCompare(b.name));
  return {
    format: "tether-mcp-baseline",
    version: 1,
    servers: Object.fromEntries(entries.map((s) => [s.name, { tools: [...s.tools].sort((a, b) => a.name.localeCompare(b.name)) }])),
  };
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(baseline, null, 2)}\n`, { flag: "wx" });
  } catch (err) {
    throw new UsageError(`cannot write the baseline ${path}: ${(err as Error).message}`);
  }
}

/**
 * The saved tools for a server. A baseline of exactly one server matches a check of exactly one server whatever
 * their names, so a URL or command line can change (staging to production) without losing the comparison.
 */
export function savedTools(baseline: Baseline, name: string, serversChecked: number): ToolDefinition[] | undefined {
  const entry = baseline.servers[name];
  if (entry) return entry.tools;
  const all = Object.values(baseline.servers);
  return serversChecked === 1 && all.length === 1 ? all[0]!.tools : undefined;
}

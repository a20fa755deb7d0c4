// The import preview (lib/mcp/import) read as the CLI needs it: one row per server with its client's label, and
// the files that did not parse. The CLI runs on the user's own machine, so the preview is asked as an admin on a
// deployment that allows stdio: the stdio gate is a Tether deployment's rule, shown as a need, never a refusal here.
import { readFile } from "node:fs/promises";
import { CLIENT_FORMATS, previewImport, type ImportPreview } from "../mcp/import";
import { detectMcpConfigs } from "../mcp/import/detect";
import { UsageError } from "./args";
import type { ConfigDetector, ConfigFileReader, FoundConfigs, FoundServer } from "./contracts";

const LOCAL = { admin: true, env: { TETHER_ALLOW_STDIO_MCP: "true" } };

export function foundConfigs(preview: ImportPreview): FoundConfigs {
  const servers = preview.servers.map((s): FoundServer => {
    const first = s.foundIn[0]!;
    const fileValues = new Map(s.secrets.flatMap((x) => (x.found !== undefined ? [[x.name, x.found] as const] : [])));
    const server: FoundServer = {
      name: s.name,
      client: CLIENT_FORMATS[first.client].label,
      file: first.file,
      ...(first.line !== undefined ? { line: first.line, column: first.column } : {}),
      alsoIn: [...new Set(s.foundIn.slice(1).map((f) => f.file))].filter((f) => f !== first.file),
      transport: s.transport,
      target: s.target,
      secrets: s.secrets.map((x) => ({ name: x.name, from: x.from })),
      needsStdioConsent: s.needs.stdio,
      problems: s.problems,
      warnings: s.warnings,
    };
    // Not enumerable: JSON output and object spreads never carry a value the file held.
    Object.defineProperty(server, "fileValues", { value: fileValues, enumerable: false });
    return server;
  });
  const errors = preview.files.flatMap((f) => (f.error ? [{ file: f.name, ...f.error }] : []));
  const notes = preview.files.flatMap((f) => f.problems.map((p) => ({ file: f.name, ...p })));
  return { servers, errors, notes };
}

export const detectConfigs: ConfigDetector = async ({ dir, home }) => foundConfigs((await detectMcpConfigs({ dir, home, ...LOCAL })).preview);

export const readConfigFile: ConfigFileReader = async (file, { dir, home }) => {
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return foundConfigs(previewImport([{ name: file, content }], { dir, home, ...LOCAL }));
};

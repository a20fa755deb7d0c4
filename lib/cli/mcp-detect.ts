// `tether mcp detect [dir]`: every MCP server named in the client configs under dir and in the home directory.
import { stat } from "node:fs/promises";
import path from "node:path";
import { UsageError, type DetectArgs } from "./args";
import type { ConfigDetector } from "./contracts";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { renderDetectTable } from "./report/detect-table";
import { colorEnabled, makeStyle } from "./report/style";

async function directory(p: string, what: string): Promise<string> {
  try {
    if ((await stat(p)).isDirectory()) return p;
  } catch {
    // reported below
  }
  throw new UsageError(`${what} ${p} is not a directory`);
}

export async function mcpDetect(args: DetectArgs, io: CliIo, detect: ConfigDetector): Promise<ExitCode> {
  const dir = await directory(path.resolve(io.cwd, args.dir ?? "."), "the directory");
  const home = await directory(path.resolve(io.cwd, args.home ?? io.home), "the home directory");
  const found = await detect({ dir, home });
  if (args.json) io.stdout(`${JSON.stringify(found, null, 2)}\n`);
  else io.stdout(renderDetectTable(found, { dir, home }, makeStyle(colorEnabled(io.stdoutIsTTY, io.env))));
  return found.errors.length > 0 ? EXIT.failed : EXIT.passed;
}

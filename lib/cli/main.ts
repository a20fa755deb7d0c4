// The CLI's entry: parse, run the command, map every outcome to an exit code. A usage error is one line on
// stderr and code 3; an unexpected error is one line and code 2 (the check could not be done), never a pass.
import { ApiCallError, apiConfigFrom, createApiClient } from "./api-client";
import { UsageError, parseCommandLine, type Invocation } from "./args";
import type { CliDeps } from "./contracts";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";

/** Loads the real conformance runner, detector and classifier only when a command needs them (help stays fast). */
export type DepsLoader = () => Promise<CliDeps>;

/** The commands that talk to a Tether server: TETHER_URL and TETHER_TOKEN are read (and checked) first. */
async function apiCommand(inv: Extract<Invocation, { kind: "probe" | "status" | "serve" }>, io: CliIo): Promise<ExitCode> {
  const config = apiConfigFrom(io.env);
  if (inv.kind === "serve") {
    if (!io.streams) throw new Error("tether mcp serve needs the process's stdin and stdout");
    const { mcpServe } = await import("./mcp-serve");
    return mcpServe(config, io, io.streams);
  }
  const api = createApiClient(config, { signal: io.signal });
  if (inv.kind === "probe") return (await import("./probe")).probeCommand(inv.args, io, api);
  return (await import("./status")).statusCommand(inv.args, io, api);
}

export async function runCli(argv: string[], io: CliIo, loadDeps: DepsLoader): Promise<ExitCode> {
  try {
    const inv = parseCommandLine(argv);
    if (inv.kind === "print") {
      (inv.exitCode === 0 ? io.stdout : io.stderr)(inv.output);
      return inv.exitCode;
    }
    if (inv.kind === "config") return await (await import("./config/run")).runConfigCommand(inv.args, io);
    if (inv.kind === "probe" || inv.kind === "status" || inv.kind === "serve") return await apiCommand(inv, io);
    if (inv.kind === "detect") {
      const { mcpDetect } = await import("./mcp-detect");
      return await mcpDetect(inv.args, io, (await loadDeps()).detectConfigs);
    }
    const { mcpCheck } = await import("./mcp-check");
    return await mcpCheck(inv.args, io, await loadDeps());
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`tether: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof ApiCallError) {
      io.stderr(`tether: ${err.message}\n`);
      return EXIT.unreachable;
    }
    io.stderr(`tether: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.unreachable;
  }
}

// An MCP server reached over stdio is a command run on the worker: it runs only where the deployment allows it
// (TETHER_ALLOW_STDIO_MCP=true), and only admins may configure one. Checked on save and before every run.
import type { GateRefusal } from "../types";
import type { McpConfig } from "./config";

export function stdioGate(config: McpConfig, saving: { admin: boolean } | null, env: Record<string, string | undefined> = process.env): GateRefusal | null {
  if (config.transport !== "stdio") return null;
  if (env.TETHER_ALLOW_STDIO_MCP !== "true") {
    return {
      reason: "disabled",
      field: "config.transport",
      message: "MCP over stdio runs a command on the worker and is disabled here; set TETHER_ALLOW_STDIO_MCP=true to allow it",
      fieldMessage: "Running commands (stdio) is disabled on this deployment; set TETHER_ALLOW_STDIO_MCP=true to allow it",
    };
  }
  if (saving && !saving.admin) {
    return {
      reason: "admin_only",
      field: "config.transport",
      message: "Only admins can configure an MCP server that runs a command",
      fieldMessage: "Only admins can configure stdio servers",
    };
  }
  return null;
}

// Who may configure an MCP server reached over stdio, and where: one small gate, called on create and update.
import type { IntegrationInput } from "../domain/integration-config";
import { ApiError } from "../api/errors";
import type { Actor } from "../auth/actor";

/**
 * An MCP server reached over stdio is a command run on the worker: only admins may configure one, and only
 * where the deployment allows it.
 */
export function checkKindAllowed(input: IntegrationInput, actor: Actor): void {
  if (input.kind !== "mcp" || input.config.transport !== "stdio") return;
  if (process.env.TETHER_ALLOW_STDIO_MCP !== "true") {
    throw ApiError.invalidFields({
      "config.transport": ["Running commands (stdio) is disabled on this deployment; set TETHER_ALLOW_STDIO_MCP=true to allow it"],
    });
  }
  if (actor.principal && actor.principal.role !== "admin") {
    throw ApiError.forbidden("Only admins can configure an MCP server that runs a command", {
      fields: { "config.transport": ["Only admins can configure stdio servers"] },
    });
  }
}

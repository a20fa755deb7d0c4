// A kind's gate on configs, asked on create and update (e.g. an MCP server over stdio runs a command on the worker,
// so it needs the deployment's consent and an admin): the probe says no, this turns it into the form's field error.
import type { IntegrationInput } from "./integration-input";
import { ApiError } from "../api/errors";
import type { Actor } from "../auth/actor";
import { probeOf } from "../probes/registry";

export function checkKindAllowed(input: IntegrationInput, actor: Actor): void {
  const refusal = probeOf(input.kind).gate?.(input.config, { admin: !actor.principal || actor.principal.role === "admin" });
  if (!refusal) return;
  const fields = { [refusal.field]: [refusal.fieldMessage] };
  throw refusal.reason === "disabled" ? ApiError.invalidFields(fields) : ApiError.forbidden(refusal.message, { fields });
}

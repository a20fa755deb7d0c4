// The smoke call's result against the tool's outputSchema (spec: a tool with an outputSchema MUST return
// structuredContent conforming to it). Each Ajv error is its own finding, so a report shows every mismatch.
// A result with isError is not held to the schema (the SDK's clients skip it too).
import type { Finding } from "../types";
import type { ServerFacts } from "./facts";
import { clip } from "./failure";
import { compileSchema, describeError } from "./json-schema";

const MAX_MISMATCHES = 20;

export function structuredOutputChecks(facts: ServerFacts): Finding[] {
  const smoke = facts.smoke;
  if (!smoke?.result || smoke.isError) return [];
  const tool = facts.toolDefinitions.find((t) => t.name === smoke.tool);
  if (!tool?.outputSchema) return [];
  const subject = `tool ${clip(tool.name, 80)}`;
  const structured = smoke.result.structuredContent;
  if (structured === undefined) {
    return [
      {
        rule: "structured-content-missing",
        severity: "error",
        message: "The tool declares an outputSchema but its result has no structuredContent",
        subject,
      },
    ];
  }
  const compiled = compileSchema(tool.outputSchema);
  if (!compiled.ok) return []; // the schema check reports it
  if (compiled.validate(structured)) return [];
  const errors = compiled.validate.errors ?? [];
  return errors.slice(0, MAX_MISMATCHES).map((error) => ({
    rule: "output-schema-mismatch",
    severity: "error" as const,
    message: "The smoke call's structuredContent does not match the tool's outputSchema",
    subject,
    detail: clip(describeError(error)),
  }));
}

// Tool schemas (spec: a tool's inputSchema is a JSON Schema object, type "object"; an outputSchema, when given,
// describes structuredContent and is type "object" too): each must compile with Ajv in its dialect.
import type { Finding, ToolDefinition } from "../types";
import type { ServerFacts } from "./facts";
import { clip } from "./failure";
import { compileSchema } from "./json-schema";

function schemaFindings(tool: ToolDefinition, key: "inputSchema" | "outputSchema", schema: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const which = key === "inputSchema" ? "input" : "output";
  const subject = `tool ${clip(tool.name, 80)}`;
  if (schema.type !== "object") {
    findings.push({
      rule: `${which}-schema-not-object`,
      severity: "error",
      message: `The ${key} must be a JSON Schema of type "object"`,
      subject,
      detail: `type is ${JSON.stringify(schema.type) ?? "missing"}`,
    });
  }
  const compiled = compileSchema(schema);
  if (compiled.unknownDialect) {
    findings.push({
      rule: "schema-dialect-unknown",
      severity: "warning",
      message: `The ${key} names a JSON Schema dialect Tether does not know; it was checked as 2020-12`,
      subject,
      detail: clip(compiled.unknownDialect, 120),
    });
  }
  if (!compiled.ok) {
    findings.push({
      rule: `${which}-schema-invalid`,
      severity: "error",
      message: `The ${key} is not a valid JSON Schema (${compiled.dialect}); clients cannot validate against it`,
      subject,
      detail: clip(compiled.error),
    });
  }
  return findings;
}

export function schemaChecks(facts: ServerFacts): Finding[] {
  const findings: Finding[] = [];
  for (const item of facts.tools.items) {
    if (typeof item.name !== "string") continue;
    const tool = facts.toolDefinitions.find((t) => t.name === item.name)!;
    const input = item.inputSchema;
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      findings.push({
        rule: "input-schema-missing",
        severity: "error",
        message: "Every tool must have an inputSchema object",
        subject: `tool ${clip(tool.name, 80)}`,
        detail: `inputSchema is ${input === undefined ? "missing" : clip(JSON.stringify(input), 80)}`,
      });
    } else findings.push(...schemaFindings(tool, "inputSchema", input as Record<string, unknown>));
    const output = item.outputSchema;
    if (output === undefined) continue;
    if (typeof output !== "object" || output === null || Array.isArray(output)) {
      findings.push({
        rule: "output-schema-invalid",
        severity: "error",
        message: "The outputSchema must be a JSON Schema object",
        subject: `tool ${clip(tool.name, 80)}`,
        detail: clip(JSON.stringify(output), 80),
      });
    } else findings.push(...schemaFindings(tool, "outputSchema", output as Record<string, unknown>));
  }
  return findings;
}

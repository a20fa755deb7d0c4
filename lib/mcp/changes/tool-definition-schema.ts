// The shape of `details.toolDefinitions` as a run stores it, checked before a version is derived from it (a run's
// details are JSON from a server we do not control).
import { z } from "zod";
import type { ToolDefinition } from "../types";

const jsonObject = z.record(z.string(), z.unknown());

export const toolDefinitionSchema = z.object({
  name: z.string({ error: "A tool needs a name" }).min(1, "A tool needs a name"),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: jsonObject,
  outputSchema: jsonObject.optional(),
  annotations: jsonObject.optional(),
}) satisfies z.ZodType<ToolDefinition>;

export const toolDefinitionsSchema = z.array(toolDefinitionSchema).refine((list) => new Set(list.map((t) => t.name)).size === list.length, {
  message: "Tool names must be unique",
});

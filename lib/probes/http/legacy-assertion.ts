// The single `assertion` an HTTP check took before it took a list. Stored checks were rewritten by the migration
// 20261202043000_http_assertions_list (the same mapping in SQL); integrations as code may still send one, so the
// config schema accepts it and turns it into the equivalent assertions.
import { z } from "zod";
import type { Assertion } from "../shared/assertions/schema";

export const legacyHttpAssertionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("json_path"),
    path: z.string().trim().min(1, "Enter a JSON path, e.g. $.status").startsWith("$", "A JSON path starts with $"),
    /** Compared as a string with the first match; omitted means "the path must exist". */
    equals: z.string().optional(),
  }),
  z.object({
    type: z.literal("body_contains"),
    text: z.string().min(1, "Enter the text the body must contain"),
  }),
  /** A GraphQL answer: a non-empty `errors` array fails; an optional JSON path must match. */
  z.object({
    type: z.literal("graphql"),
    path: z.string().trim().startsWith("$", "A JSON path starts with $").optional(),
  }),
]);
export type LegacyHttpAssertion = z.infer<typeof legacyHttpAssertionSchema>;

/** The assertions that mean what the old one meant. */
export function assertionsFromLegacy(legacy: LegacyHttpAssertion | undefined): Assertion[] {
  if (!legacy) return [];
  switch (legacy.type) {
    case "json_path":
      return [
        legacy.equals === undefined
          ? { source: "json_path", property: legacy.path, comparison: "exists" }
          : { source: "json_path", property: legacy.path, comparison: "equals", target: legacy.equals },
      ];
    case "body_contains":
      return [{ source: "body", comparison: "contains", target: legacy.text }];
    case "graphql":
      // An absent `errors` is empty, as is []; a body that is not JSON fails, as it did.
      return [
        { source: "json_path", property: "$.errors", comparison: "is_empty" },
        ...(legacy.path ? [{ source: "json_path" as const, property: legacy.path, comparison: "exists" as const }] : []),
      ];
  }
}

// Test-only helpers for the config schemas' unit tests: the messages a form would show for an input.
import { z } from "zod";

/** The first message the schema gives, or undefined when the input parses. */
export function firstMessage(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The first message for each field, keyed by its dotted path: the one a form shows beside it. */
export function firstMessagePerField(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.reverse().map((issue) => [issue.path.join("."), issue.message]));
}

/** Every message for each top-level field, as z.flattenError lists them. */
export function messagesPerField(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[]>);
}

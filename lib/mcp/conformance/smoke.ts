// The smoke call: one tools/call with configured arguments, its raw result kept for the output-schema check.
import type { ServerFacts } from "./facts";
import { clip, isSessionFatal } from "./failure";
import type { McpSession } from "./session";

/** A short, readable excerpt of a tool result: its text content, else its structured content as JSON. */
export function resultExcerpt(result: { content?: unknown; structuredContent?: unknown }): string {
  const parts = (Array.isArray(result.content) ? result.content : []).map(
    (item: { type?: string; text?: string; uri?: string; resource?: { uri?: string } }) =>
      item.type === "text"
        ? (item.text ?? "")
        : item.type === "resource_link" || item.type === "resource"
          ? `[${item.type} ${item.uri ?? item.resource?.uri ?? ""}]`
          : `[${item.type ?? "content"}]`,
  );
  const text = parts.join(" ").trim();
  if (text) return clip(text);
  return result.structuredContent === undefined ? "" : clip(JSON.stringify(result.structuredContent));
}

/** Calls the tool when it is listed; a session-ending error is thrown, a JSON-RPC error is kept on the call. */
export async function smokeCall(
  session: McpSession,
  tool: { name: string; arguments: Record<string, unknown> },
  listed: string[],
): Promise<ServerFacts["smoke"]> {
  if (!listed.includes(tool.name)) return { tool: tool.name, offered: false };
  try {
    const result = await session.request("tools/call", { name: tool.name, arguments: tool.arguments });
    return { tool: tool.name, offered: true, isError: result.isError === true, excerpt: resultExcerpt(result), result };
  } catch (err) {
    if (isSessionFatal(err)) throw err;
    return { tool: tool.name, offered: true, error: clip(err instanceof Error ? err.message : String(err)) };
  }
}

// Headers edited as text, one "Name: value" a line (the edited-replay form): parsed with an error per line, and
// written back the same way. The server validates the result again (events.ts editedReplaySchema).

export type HeaderLinesResult = { ok: true; headers: Record<string, string> } | { ok: false; error: string };

const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function formatHeaderLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

export function parseHeaderLines(text: string): HeaderLinesResult {
  const headers: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!NAME.test(name)) return { ok: false, error: `Line ${i + 1}: write "Name: value"` };
    const key = name.toLowerCase();
    if (key in headers) return { ok: false, error: `Line ${i + 1}: ${key} appears twice` };
    headers[key] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

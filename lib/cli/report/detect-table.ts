// `tether mcp detect`: the servers found as a table, then the files that could not be parsed (file:line:column).
import path from "node:path";
import type { ConfigError, FoundConfigs, FoundServer } from "../contracts";
import type { Style } from "./style";

/** A path as a person reads it here: relative to the directory searched, or under ~ for the home directory. */
export function shortPath(file: string, where: { dir: string; home: string }): string {
  const rel = path.relative(where.dir, file);
  if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) return rel;
  const inHome = path.relative(where.home, file);
  if (inHome && !inHome.startsWith("..") && !path.isAbsolute(inHome)) return `~/${inHome}`;
  return file;
}

function targetText(s: FoundServer): string {
  const t = s.target;
  if (!t) return "-";
  return t.transport === "stdio" ? [t.command, ...t.args].join(" ") : t.url;
}

/** What a Tether deployment needs to monitor it; the CLI itself needs only the secrets in its environment. */
function needsText(s: FoundServer): string {
  const needs = [...(s.needsStdioConsent ? ["TETHER_ALLOW_STDIO_MCP + admin"] : []), ...s.secrets.map((x) => `secret ${x.name}`)];
  return needs.join(", ") || "-";
}

export function errorLine(e: ConfigError, where: { dir: string; home: string }): string {
  const loc = [shortPath(e.file, where), e.line, e.column].filter((p) => p !== undefined).join(":");
  return `${loc}: ${e.message}`;
}

export function renderDetectTable(found: FoundConfigs, where: { dir: string; home: string }, style: Style): string {
  const out: string[] = [];
  if (found.servers.length === 0) out.push("No MCP servers found.");
  else {
    const header = ["NAME", "CLIENT", "FILE", "TRANSPORT", "TARGET", "NEEDS"];
    const rows = found.servers.map((s) => [
      s.name,
      s.client,
      shortPath(s.file, where) + (s.line !== undefined ? `:${s.line}` : "") + (s.alsoIn.length > 0 ? ` (+${s.alsoIn.length})` : ""),
      s.transport ?? "?",
      targetText(s),
      needsText(s),
    ]);
    // The last column is not padded, so a long "needs" never wraps the others.
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd();
    out.push(style.bold(line(header)), ...rows.map(line));
    out.push("", `${found.servers.length} server${found.servers.length === 1 ? "" : "s"}.`);
  }
  // A server without a target cannot be checked at all; the others' problems are a Tether deployment's (its
  // stored MCP check), which `tether mcp check` still runs.
  const said = found.servers.filter((s) => s.problems.length > 0 || s.warnings.length > 0);
  if (said.length > 0) {
    out.push("");
    for (const s of said) {
      for (const p of s.problems) out.push(`${s.target ? style.yellow(`${s.name}:`) : style.red(`${s.name} cannot be checked:`)} ${p}`);
      for (const w of s.warnings) out.push(`${style.dim(`${s.name}:`)} ${w}`);
    }
  }
  if (found.notes.length > 0) {
    out.push("", "Notes:");
    for (const n of found.notes) out.push(`  ${errorLine(n, where)}`);
  }
  if (found.errors.length > 0) {
    out.push("", style.red(`${found.errors.length} config file${found.errors.length === 1 ? "" : "s"} could not be read:`));
    for (const e of found.errors) out.push(`  ${errorLine(e, where)}`);
  }
  return `${out.join("\n")}\n`;
}

// A unified line diff: hunks of added, removed and context lines with their old and new line numbers. Presentational:
// the lines come from a pure diff (lib/mcp/changes/definition-diff.ts wraps jsdiff).
import { cn } from "@/lib/cn";

export interface DiffViewLine {
  kind: "add" | "remove" | "context";
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

const MARK = { add: "+", remove: "-", context: " " } as const;
const TONE = { add: "bg-ok/10 text-ok-fg", remove: "bg-bad/10 text-bad-fg", context: "text-muted-foreground" } as const;

export function DiffView({ hunks, label }: { hunks: DiffViewLine[][]; label: string }) {
  return (
    <div role="group" aria-label={label} className="overflow-x-auto rounded-md border bg-background font-mono text-xs">
      {hunks.map((hunk, h) => (
        <table key={h} className={cn("w-full border-collapse", h > 0 && "border-t border-dashed")}>
          <tbody>
            {hunk.map((l, i) => (
              <tr key={i} className={TONE[l.kind]} data-diff={l.kind}>
                <td className="w-8 px-1 text-right text-muted-foreground/70 select-none">{l.oldLine ?? ""}</td>
                <td className="w-8 px-1 text-right text-muted-foreground/70 select-none">{l.newLine ?? ""}</td>
                <td className="w-4 text-center select-none" aria-hidden="true">
                  {MARK[l.kind]}
                </td>
                <td className="pr-2 whitespace-pre">
                  {l.kind === "add" ? <span className="sr-only">added: </span> : l.kind === "remove" ? <span className="sr-only">removed: </span> : null}
                  {l.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

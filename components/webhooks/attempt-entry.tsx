import { CheckCircle2, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { formatMs } from "@/lib/domain/format";
import { RelativeTime } from "@/components/ui/relative-time";

/**
 * One attempt in a delivery timeline (inbound relays and outbound notifications alike): outcome, when, what came
 * back and how long it took, and optionally what was sent.
 */
export function AttemptEntry({
  attempt,
  note,
  startedAt,
  failed,
  result,
  durationMs,
  target,
  error,
  responseExcerpt,
  sent,
}: {
  attempt: number;
  /** "(replay)", "(send test)"... */
  note?: string;
  startedAt: string;
  failed: boolean;
  /** "HTTP 200", "SMTP 250", "no response". */
  result: string;
  durationMs: number;
  target?: string;
  error?: string | null;
  responseExcerpt?: string | null;
  sent?: ReactNode;
}) {
  return (
    <li className="grid gap-0.5 border-l-2 pl-2.5 text-xs" style={{ borderColor: failed ? "var(--bad)" : "var(--ok)" }} data-attempt={attempt}>
      <div className="flex items-center gap-1.5">
        {failed ? <XCircle className="size-3.5 text-bad" /> : <CheckCircle2 className="size-3.5 text-ok" />}
        <span className="font-medium">
          attempt {attempt} {note}
        </span>
        <span className="ml-auto text-muted-foreground">
          <RelativeTime iso={startedAt} />
        </span>
      </div>
      {target ? (
        <span className="truncate font-mono text-muted-foreground" title={target}>
          {target}
        </span>
      ) : null}
      <span className="font-mono">
        {result} · {formatMs(durationMs)}
      </span>
      {error ? <span className="font-mono break-all text-bad">{error}</span> : null}
      {responseExcerpt ? (
        <span className="truncate text-muted-foreground" title={responseExcerpt}>
          {responseExcerpt}
        </span>
      ) : null}
      {sent ? (
        <details className="mt-0.5 text-muted-foreground">
          <summary className="cursor-pointer hover:text-foreground">What was sent</summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-muted p-2 font-mono break-all whitespace-pre-wrap text-foreground">{sent}</pre>
        </details>
      ) : null}
    </li>
  );
}

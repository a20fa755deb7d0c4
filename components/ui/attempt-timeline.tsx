import { CheckCircle2, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { formatMs } from "@/lib/domain/format";
import { RelativeTime } from "./relative-time";

/** One attempt of a delivery (inbound relays and outbound notifications alike). */
export interface Attempt {
  id: string;
  attempt: number;
  /** What the entry is called; "attempt N" and its note when not given. */
  label?: string;
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
}

/**
 * A delivery's attempts, newest as they come: outcome, when, what came back and how long it took, optionally
 * what was sent; when the next one is due; or, before the first, when that one is.
 */
export function AttemptTimeline({ attempts, nextAttemptAt }: { attempts: Attempt[]; nextAttemptAt: string | null }) {
  if (attempts.length === 0) {
    return (
      <p className="text-xs text-muted-foreground">
        {nextAttemptAt ? (
          <>
            First attempt <RelativeTime iso={nextAttemptAt} tense="either" />
          </>
        ) : (
          "No attempts yet."
        )}
      </p>
    );
  }
  return (
    <>
      <ol className="grid gap-3" data-testid="attempts">
        {attempts.map((a) => (
          <AttemptEntry key={a.id} {...a} />
        ))}
      </ol>
      {nextAttemptAt ? (
        <p className="mt-3 text-xs text-muted-foreground">
          Next retry <RelativeTime iso={nextAttemptAt} tense="future" />
        </p>
      ) : null}
    </>
  );
}

function AttemptEntry({ attempt, label, note, startedAt, failed, result, durationMs, target, error, responseExcerpt, sent }: Attempt) {
  return (
    <li className="grid gap-0.5 border-l-2 pl-2.5 text-xs" style={{ borderColor: failed ? "var(--bad)" : "var(--ok)" }} data-attempt={attempt}>
      <div className="flex items-center gap-1.5">
        {failed ? <XCircle className="size-3.5 text-bad-fg" /> : <CheckCircle2 className="size-3.5 text-ok-fg" />}
        <span className="font-medium">{label ?? (note ? `attempt ${attempt} ${note}` : `attempt ${attempt}`)}</span>
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
      {error ? <span className="font-mono break-all text-bad-fg">{error}</span> : null}
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

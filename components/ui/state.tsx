import { AlertTriangle, RotateCw } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";

/** The designed empty state: what is missing, why it matters, and the next step. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-6 py-14 text-center">
      {icon ? <div className="mb-1 rounded-full border bg-muted p-2.5 text-muted-foreground [&_svg]:size-5">{icon}</div> : null}
      <h3 className="text-sm font-semibold">{title}</h3>
      {children ? <div className="max-w-sm text-sm text-muted-foreground">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

/** The designed error state: says what failed and offers a retry; never a blank page. */
export function ErrorState({ title, message, onRetry }: { title: string; message?: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-bad/30 bg-bad/5 px-4 py-3">
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-bad-fg" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{title}</p>
        {message ? <p className="mt-0.5 text-sm text-muted-foreground">{message}</p> : null}
      </div>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          <RotateCw /> Retry
        </Button>
      ) : null}
    </div>
  );
}

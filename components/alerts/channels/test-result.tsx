import { CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import type { DeliveryResult } from "@/lib/queries/alert-channels";

/** What "Send test" got back: the receiver's status and answer, or the error, with a link to the recorded delivery. */
export function TestResult({ result }: { result: DeliveryResult }) {
  const { outcome } = result;
  return (
    <div role="status" className="grid gap-1 rounded-md border bg-muted/40 px-3 py-2 text-xs" data-testid="test-result" data-ok={outcome.ok}>
      <div className="flex flex-wrap items-center gap-1.5">
        {outcome.ok ? <CheckCircle2 className="size-3.5 text-ok-fg" /> : <XCircle className="size-3.5 text-bad-fg" />}
        <span className="font-medium">{outcome.ok ? "Delivered" : "Not delivered"}</span>
        <span className="font-mono text-muted-foreground">
          {outcome.responseStatus !== null ? `${outcome.target.startsWith("smtp:") ? "SMTP" : "HTTP"} ${outcome.responseStatus}` : "no response"}
        </span>
        <Link href={`/webhooks/outbound/${result.deliveryId}`} className="ml-auto text-accent hover:underline">
          Delivery #{result.deliveryId}
        </Link>
      </div>
      {outcome.error ? <p className="font-mono break-all text-bad-fg">{outcome.error}</p> : null}
      {outcome.responseExcerpt && !outcome.error ? (
        <p className="truncate font-mono text-muted-foreground" title={outcome.responseExcerpt}>
          {outcome.responseExcerpt}
        </p>
      ) : null}
    </div>
  );
}

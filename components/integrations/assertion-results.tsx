import { useId } from "react";
import { CheckCircle2, XCircle } from "lucide-react";
import type { AssertionResult } from "@/lib/probes/shared/assertions/results";

/** Every assertion of a run with its verdict and the value it saw; a schema's violations beneath it. */
export function AssertionResults({ results }: { results: AssertionResult[] }) {
  const failed = results.filter((r) => !r.passed).length;
  // A page can show two lists (the latest readings and a manual probe's trace): each names its own title.
  const titleId = useId();
  return (
    <section className="grid gap-1.5 rounded-md border bg-muted/30 px-3 py-2 text-xs" aria-labelledby={titleId} data-testid="assertion-results">
      <h3 id={titleId} className="font-medium">
        Assertions{" "}
        <span className="font-normal text-muted-foreground">{failed === 0 ? `all ${results.length} passed` : `${failed} of ${results.length} failed`}</span>
      </h3>
      <ol className="grid gap-1">
        {results.map((r, i) => (
          <li key={i} className="grid grid-cols-[auto_1fr] items-start gap-x-2" data-testid="assertion-result" data-passed={r.passed}>
            {r.passed ? <CheckCircle2 className="mt-px size-3.5 text-ok-fg" aria-hidden /> : <XCircle className="mt-px size-3.5 text-bad-fg" aria-hidden />}
            <div className="grid min-w-0 gap-0.5">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="sr-only">{r.passed ? "Passed:" : "Failed:"}</span>
                <span className="font-mono break-all">{r.assertion}</span>
                <span className="text-muted-foreground">
                  saw{" "}
                  <span className={r.passed ? "font-mono break-all text-foreground" : "font-mono break-all text-bad-fg"} data-testid="assertion-actual">
                    {r.actual ?? "nothing"}
                  </span>
                </span>
              </p>
              {!r.passed && r.actual === null && r.message !== r.assertion ? <p className="text-muted-foreground">{r.message}</p> : null}
              {r.violations && r.violations.length > 0 ? (
                <ul className="grid gap-0.5 border-l pl-2 font-mono" aria-label={`Violations of ${r.assertion}`}>
                  {r.violations.map((v, j) => (
                    <li key={j} className="break-all">
                      <span className="text-foreground">{v.instancePath || "/"}</span> <span className="text-muted-foreground">{v.keyword}</span> {v.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { buildApiReference, type ApiReference, type ReferenceAuth, type ReferenceOperation, type ReferenceResponse } from "@/lib/api/openapi/reference";
import { cn } from "@/lib/cn";
import { openApiQueries } from "@/lib/queries/openapi";
import { SchemaTree } from "./schema-tree";

const METHOD_TONE: Record<string, BadgeTone> = { GET: "accent", POST: "ok", PUT: "warn", PATCH: "warn", DELETE: "bad" };

const AUTH_TEXT: Record<ReferenceAuth, string> = {
  public: "Public",
  session: "Session only",
  "session-or-token": "Session or token",
};

function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={METHOD_TONE[method] ?? "neutral"} className="w-16 justify-center font-mono">
      {method}
    </Badge>
  );
}

function statusTone(status: string): string {
  if (status.startsWith("2")) return "text-ok-fg";
  if (status.startsWith("4")) return "text-warn-fg";
  return "text-bad-fg";
}

function Response({ response }: { response: ReferenceResponse }) {
  const head = (
    <>
      <span className={cn("font-mono text-sm font-semibold", statusTone(response.status))}>{response.status}</span>
      <span className="text-sm text-muted-foreground">{response.description}</span>
    </>
  );
  const [open, setOpen] = useState(false);
  if (!response.schema) return <li className="flex flex-wrap items-baseline gap-2 px-3 py-2">{head}</li>;
  return (
    <li>
      <details className="group/response" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-2 rounded px-3 py-2 outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring">
          {head}
          {response.contentType && <span className="ml-auto font-mono text-xs text-muted-foreground">{response.contentType}</span>}
        </summary>
        {open && (
          <div className="px-3 pb-3">
            <SchemaTree node={response.schema} />
          </div>
        )}
      </details>
    </li>
  );
}

/** An operation's summary line; its details (schemas can be large) are rendered only once it is opened. */
function Operation({ op }: { op: ReferenceOperation }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      id={op.id}
      className="group rounded-lg border bg-card shadow-xs open:shadow-sm"
      data-testid="api-operation"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 rounded-lg px-3 py-2 outline-none hover:bg-muted/60 focus-visible:ring-2 focus-visible:ring-ring">
        <MethodBadge method={op.method} />
        <code className="font-mono text-sm break-all">{op.path}</code>
        <span className="text-sm text-muted-foreground">{op.summary}</span>
        <span className="ml-auto text-xs text-muted-foreground">{AUTH_TEXT[op.auth]}</span>
      </summary>
      {open && <OperationDetails op={op} />}
    </details>
  );
}

function OperationDetails({ op }: { op: ReferenceOperation }) {
  return (
    <div className="grid gap-4 border-t px-4 py-3">
      {op.description && <p className="text-sm whitespace-pre-line text-muted-foreground">{op.description}</p>}
      {op.parameters.length > 0 && (
        <section aria-label="Parameters">
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Parameters</h4>
          <table className="w-full text-sm">
            <thead className="sr-only">
              <tr>
                <th>Name</th>
                <th>In</th>
                <th>Schema</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="align-top">
                  <td className="py-1.5 pr-3">
                    <code className="font-mono font-medium">{p.name}</code>
                    {p.required && <span className="ml-2 text-xs font-medium text-bad-fg">required</span>}
                  </td>
                  <td className="py-1.5 pr-3 text-xs text-muted-foreground">{p.in}</td>
                  <td className="py-1.5">
                    <SchemaTree node={p.description ? { ...p.schema, description: p.description } : p.schema} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {op.body && (
        <section aria-label="Request body">
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Request body · application/json</h4>
          <SchemaTree node={op.body} />
        </section>
      )}
      <section aria-label="Responses">
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">Responses</h4>
        <ul className="divide-y rounded-md border">
          {op.responses.map((r) => (
            <Response key={r.status} response={r} />
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The reference for the document /api/openapi.json serves, fetched from this origin only. */
export function ApiReferencePanel({ documentUrl }: { documentUrl: string }) {
  const query = useQuery(openApiQueries.document());
  const reference = useMemo(() => (query.data ? buildApiReference(query.data) : undefined), [query.data]);
  if (query.isPending)
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the API reference">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    );
  if (!reference) return <ErrorState title="Could not load the API document" message={query.error?.message} onRetry={() => query.refetch()} />;
  return <ApiReferenceView reference={reference} documentUrl={documentUrl} />;
}

/** The API reference: a table of contents by tag, how to authenticate, then every operation, each one expandable. */
export function ApiReferenceView({ reference, documentUrl }: { reference: ApiReference; documentUrl: string }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="API sections" className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
        <ul className="grid gap-0.5 text-sm">
          {reference.tags.map((t) => (
            <li key={t.slug}>
              <a
                href={`#${t.slug}`}
                className="flex items-center justify-between rounded px-2 py-1 text-muted-foreground outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              >
                {t.name}
                <span className="text-xs tabular-nums">{t.operations.length}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid min-w-0 gap-8">
        <section aria-labelledby="api-auth" className="grid gap-2 rounded-lg border bg-card p-4 text-sm shadow-xs">
          <h2 id="api-auth" className="font-semibold">
            {reference.title} <span className="font-normal text-muted-foreground">v{reference.version}</span>
          </h2>
          {reference.description && <p className="text-muted-foreground">{reference.description}</p>}
          <ul className="grid gap-1">
            {reference.security.map((s) => (
              <li key={s.name}>
                <code className="font-mono font-medium">{s.name}</code> <span className="text-xs text-muted-foreground">({s.type})</span>
                {s.description && <span className="text-muted-foreground"> — {s.description}</span>}
              </li>
            ))}
          </ul>
          <p className="text-muted-foreground">
            {reference.operationCount} operations. The machine-readable document:{" "}
            <a
              href={documentUrl}
              className="font-mono text-accent underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            >
              {documentUrl}
            </a>
          </p>
        </section>
        {reference.tags.map((t) => (
          <section key={t.slug} aria-labelledby={t.slug} className="grid scroll-mt-4 gap-2">
            <div>
              <h2 id={t.slug} className="scroll-mt-4 text-base font-semibold">
                {t.name}
              </h2>
              {t.description && <p className="text-sm text-muted-foreground">{t.description}</p>}
            </div>
            {t.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

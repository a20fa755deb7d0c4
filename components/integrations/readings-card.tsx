"use client";
import { AlertTriangle } from "lucide-react";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { formatCount } from "@/lib/domain/format";
import type { CredentialSignal, DeprecationSignal, RateLimitSignal, ScopeSignal } from "@/lib/probes/http/provider-signals";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { assertionResultsOf } from "@/lib/probes/shared/assertions/results";
import { AssertionResults } from "./assertion-results";

function Headroom({ r }: { r: RateLimitSignal }) {
  const pct = r.headroom === null ? null : Math.round(r.headroom * 1000) / 10;
  return (
    <div className="grid gap-1" data-testid="rate-limit">
      <div className="flex items-baseline justify-between text-xs">
        <span className="text-muted-foreground">Rate-limit headroom</span>
        <span className="tabular font-medium">
          {pct === null ? `${r.remaining} left` : `${pct}%`}{" "}
          {r.limit ? (
            <span className="text-muted-foreground">
              ({formatCount(r.remaining)} of {formatCount(r.limit)})
            </span>
          ) : null}
        </span>
      </div>
      {pct !== null ? (
        <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
          <div className={cn("h-full rounded-full", pct < 10 ? "bg-bad" : pct < 30 ? "bg-warn" : "bg-ok")} style={{ width: `${Math.max(pct, 1)}%` }} />
        </div>
      ) : null}
      {r.resetAt ? (
        <span className="text-xs text-muted-foreground">
          resets <RelativeTime iso={r.resetAt} tense="future" />
        </span>
      ) : null}
    </div>
  );
}

function Deprecation({ d }: { d: DeprecationSignal }) {
  return (
    <div role="note" className="flex gap-2 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-xs" data-testid="deprecation">
      <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-warn-fg" />
      <div>
        <p className="font-medium">
          The provider has deprecated this endpoint{d.deprecatedAt && d.deprecatedAt !== "true" ? ` (since ${d.deprecatedAt.slice(0, 10)})` : ""}.
        </p>
        {d.sunsetAt ? (
          <p>
            It is switched off on {d.sunsetAt.slice(0, 10)}
            {d.daysUntilSunset !== null ? (d.daysUntilSunset >= 0 ? `, in ${d.daysUntilSunset} days` : `, ${-d.daysUntilSunset} days ago`) : ""}.
          </p>
        ) : null}
        {d.link ? (
          <a href={d.link} target="_blank" rel="noreferrer noopener" className="text-accent underline underline-offset-2">
            Read the notice
          </a>
        ) : null}
      </div>
    </div>
  );
}

/** When the credential runs out: a provider's expiring token, or the OAuth2 access token Tether renews itself. */
function Credential({ c }: { c: CredentialSignal }) {
  const soon = c.source === "token_expiration" && c.daysLeft !== null && c.daysLeft < 14;
  return (
    <div className="flex items-baseline justify-between gap-3 text-xs" data-testid="credential">
      <span className="text-muted-foreground">{c.source === "token_expiration" ? "Token expires" : "Access token valid until"}</span>
      <span className={cn("tabular font-medium", soon && "text-warn-fg")}>
        {c.expiresAt ? <RelativeTime iso={c.expiresAt} tense="future" /> : "unknown"}
        {c.source === "oauth2_access_token" ? <span className="text-muted-foreground"> ({c.cached ? "reused" : "new"}; renewed before it expires)</span> : null}
      </span>
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  return (
    <ul role="note" className="grid gap-1 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-xs" data-testid="warnings">
      {warnings.map((w) => (
        <li key={w} className="flex gap-2">
          <AlertTriangle className="mt-0.5 size-3.5 shrink-0 text-warn-fg" />
          {w}
        </li>
      ))}
    </ul>
  );
}

/** One reading as text: a list of up to 12 items, an object as JSON (never "[object Object]"). */
export function readingText(v: unknown): string {
  const one = (x: unknown) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x));
  if (Array.isArray(v)) return v.length > 12 ? `${v.slice(0, 12).map(one).join(", ")} +${v.length - 12}` : v.map(one).join(", ");
  return one(v);
}

/** The latest readings of the integration's probe: provider signals first, then the kind's own figures. */
export function ReadingsCard({ integration }: { integration: IntegrationDetail }) {
  const r = integration.lastReadings;
  if (!r) return null;
  // The token step (`steps`) belongs to the run's trace, not to its readings; MCP findings and tool definitions
  // have their own cards.
  const {
    rateLimit,
    deprecation,
    credential,
    warnings,
    scopes,
    steps: _steps,
    findings: _findings,
    toolDefinitions: _toolDefinitions,
    // The contract's baseline and changes are for the contract card (./contract-card.tsx), not a list of figures.
    shape: _shape,
    shapeChange: _shapeChange,
    schemaSdl: _schemaSdl,
    schemaChange: _schemaChange,
    schema,
    // Shown by AssertionResults below, each with its verdict.
    assertions: _assertions,
    ...rest
  } = r.details as {
    rateLimit?: RateLimitSignal;
    deprecation?: DeprecationSignal;
    credential?: CredentialSignal;
    warnings?: string[];
    scopes?: ScopeSignal;
    steps?: unknown;
    findings?: unknown;
    toolDefinitions?: unknown;
    shape?: unknown;
    shapeChange?: unknown;
    schemaSdl?: unknown;
    schemaChange?: unknown;
    schema?: { hash: string; types: number };
    assertions?: unknown;
  } & Record<string, unknown>;
  const assertionResults = assertionResultsOf(r.details);
  if (scopes) rest["granted scopes"] = scopes.granted;
  if (schema) rest["schema"] = `${schema.types} types (${schema.hash.slice(0, 8)})`;
  const entries = Object.entries(rest).filter(([, v]) => v !== null && v !== undefined);
  // A run whose details all belong to other cards (an HTTP check's trace steps and body shape) has no readings: no
  // card, rather than a titled empty one.
  const shown = deprecation || (warnings && warnings.length > 0) || credential || rateLimit || assertionResults || entries.length > 0;
  if (!shown) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Latest readings</CardTitle>
        <span className="text-xs text-muted-foreground">
          <RelativeTime iso={r.at} />
        </span>
      </CardHeader>
      <CardBody className="grid gap-3">
        {deprecation ? <Deprecation d={deprecation} /> : null}
        {warnings && warnings.length > 0 ? <Warnings warnings={warnings} /> : null}
        {credential ? <Credential c={credential} /> : null}
        {rateLimit ? <Headroom r={rateLimit} /> : null}
        {assertionResults ? <AssertionResults results={assertionResults} /> : null}
        {entries.length > 0 ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs" data-testid="readings">
            {entries.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd className="font-mono break-all">{readingText(v)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </CardBody>
    </Card>
  );
}

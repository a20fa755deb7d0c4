"use client";
import type { IntegrationDetail } from "@/lib/integrations/types";
import type { HttpConfig } from "@/lib/probes/http/config";
import { assertionsFromLegacy, type LegacyHttpAssertion } from "@/lib/probes/http/legacy-assertion";
import { describeAssertion, type Assertion } from "@/lib/probes/shared/assertions/schema";
import { KIND_INFO } from "@/lib/probes/kinds";
import { rawFromConfig, visibleFields } from "@/lib/probes/kind-form";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";

function HttpCheck({ config, retries }: { config: Partial<HttpConfig> & { assertion?: LegacyHttpAssertion }; retries: number }) {
  const assertions = [...assertionsFromLegacy(config.assertion), ...(config.assertions ?? [])];
  return (
    <>
      <dt>Expected status</dt>
      <dd>{config.expectedStatus ?? "2xx"}</dd>
      <dt>Assertions</dt>
      <dd>
        {assertions.length === 0 ? (
          "none"
        ) : (
          <ul className="grid gap-0.5" data-testid="check-assertions">
            {assertions.map((a, i) => (
              <li key={i}>{describeAssertion(a)}</li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Retries</dt>
      <dd>{retries} (exponential backoff, full jitter)</dd>
    </>
  );
}

/** What the check does, in the kind's own terms. Password fields show only whether they are set. */
export function CheckCard({ integration: i }: { integration: IntegrationDetail }) {
  const kind = i.kind;
  const raw = kind === "http" ? {} : rawFromConfig(kind, i.input.config as Record<string, unknown>);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Check</CardTitle>
        <span className="text-xs text-muted-foreground">{KIND_INFO[kind].label}</span>
      </CardHeader>
      <CardBody>
        <dl className="grid gap-1.5 text-xs [&_dd]:font-mono [&_dd]:break-all [&_dt]:text-muted-foreground" data-testid="check-config">
          {kind === "http" ? (
            <HttpCheck config={i.input.config as Partial<HttpConfig>} retries={i.input.retryAttempts ?? 2} />
          ) : (
            visibleFields(kind, raw).map((f) => {
              const value = raw[f.key];
              if (f.type === "assertions") {
                const list = (i.input.config as Record<string, unknown>)[f.key];
                const assertions = Array.isArray(list) ? (list as Assertion[]) : [];
                return (
                  <div key={f.key} className="contents">
                    <dt>{f.label}</dt>
                    <dd>
                      {assertions.length === 0 ? (
                        "none"
                      ) : (
                        <ul className="grid gap-0.5" data-testid="check-assertions">
                          {assertions.map((a, n) => (
                            <li key={n}>{describeAssertion(a)}</li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                );
              }
              const shown = typeof value === "boolean" ? (value ? "yes" : "no") : !value ? "—" : f.key === "password" && !value.includes("{{") ? "set" : value;
              return (
                <div key={f.key} className="contents">
                  <dt>{f.label}</dt>
                  <dd className="whitespace-pre-wrap">{shown}</dd>
                </div>
              );
            })
          )}
        </dl>
      </CardBody>
    </Card>
  );
}

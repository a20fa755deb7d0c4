"use client";
import { useMutation } from "@tanstack/react-query";
import { Loader2, Plus, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { fieldErrors } from "@/lib/api/errors";
import {
  HTTP_METHODS,
  INTEGRATION_KINDS,
  integrationInputSchema,
  type HttpConfig,
  type IntegrationInputRaw,
  type IntegrationKind,
} from "@/lib/domain/integration-config";
import { KIND_INFO } from "@/lib/probes/kinds";
import { configFromRaw, rawFromConfig, type RawConfig } from "@/lib/integrations/kind-form";
import { KindFields } from "./kind-fields";
import { ApiClientError } from "@/lib/queries/api-client";
import { integrationActions } from "@/lib/queries/integrations";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { ErrorState } from "@/components/ui/state";

type AssertionType = "none" | "json_path" | "body_contains";
type AuthType = "none" | "bearer" | "basic" | "api_key";

/** Form state keeps what the person typed (numbers as text) so nothing they entered is lost on an error. */
interface FormState {
  name: string;
  kind: string;
  tags: string;
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body: string;
  expectedStatus: string;
  assertionType: AssertionType;
  jsonPath: string;
  equals: string;
  bodyContains: string;
  latencyBudgetMs: string;
  minHeadroom: string;
  authType: AuthType;
  authToken: string;
  authUsername: string;
  authPassword: string;
  apiKeyName: string;
  apiKeyValue: string;
  apiKeyIn: "header" | "query";
  intervalSeconds: string;
  timeoutMs: string;
  retryAttempts: string;
  backoffInitialMs: string;
  backoffMaxMs: string;
  breakerThreshold: string;
  breakerCooldownSeconds: string;
  enabled: boolean;
  /** The connection fields of non-HTTP kinds, as typed. */
  kindConfig: RawConfig;
}

const isKind = (k: string): k is IntegrationKind => (INTEGRATION_KINDS as readonly string[]).includes(k);

function fromInput(input?: IntegrationInputRaw): FormState {
  const c = (input?.kind === "http" || !input ? (input?.config ?? {}) : {}) as Partial<HttpConfig>;
  const a = c.assertion;
  return {
    name: input?.name ?? "",
    kind: input?.kind ?? "http",
    tags: (input?.tags ?? []).join(", "),
    method: c.method ?? "GET",
    url: c.url ?? "",
    headers: c.headers ?? [],
    body: c.body ?? "",
    expectedStatus: c.expectedStatus ?? "2xx",
    assertionType: a?.type ?? "none",
    jsonPath: a?.type === "json_path" ? a.path : "$.status",
    equals: a?.type === "json_path" ? (a.equals ?? "") : "",
    bodyContains: a?.type === "body_contains" ? a.text : "",
    latencyBudgetMs: c.latencyBudgetMs?.toString() ?? "",
    minHeadroom: c.minRateLimitHeadroomPercent?.toString() ?? "",
    authType: c.auth?.type ?? "none",
    authToken: c.auth?.type === "bearer" ? c.auth.token : "",
    authUsername: c.auth?.type === "basic" ? c.auth.username : "",
    authPassword: c.auth?.type === "basic" ? (c.auth.password ?? "") : "",
    apiKeyName: c.auth?.type === "api_key" ? c.auth.name : "X-API-Key",
    apiKeyValue: c.auth?.type === "api_key" ? c.auth.value : "",
    apiKeyIn: c.auth?.type === "api_key" ? (c.auth.in ?? "header") : "header",
    intervalSeconds: String(input?.intervalSeconds ?? 30),
    timeoutMs: String(input?.timeoutMs ?? 5000),
    retryAttempts: String(input?.retryAttempts ?? 2),
    backoffInitialMs: String(input?.backoffInitialMs ?? 200),
    backoffMaxMs: String(input?.backoffMaxMs ?? 5000),
    breakerThreshold: String(input?.breakerThreshold ?? 5),
    breakerCooldownSeconds: String(input?.breakerCooldownSeconds ?? 60),
    enabled: input?.enabled ?? true,
    kindConfig: input && input.kind !== "http" && isKind(input.kind) ? rawFromConfig(input.kind, input.config as Record<string, unknown>) : {},
  };
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

function toInput(s: FormState): { input: IntegrationInputRaw; errors: Record<string, string[]> } {
  const base = {
    name: s.name,
    tags: s.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    intervalSeconds: num(s.intervalSeconds) as number,
    timeoutMs: num(s.timeoutMs) as number,
    retryAttempts: num(s.retryAttempts),
    backoffInitialMs: num(s.backoffInitialMs),
    backoffMaxMs: num(s.backoffMaxMs),
    breakerThreshold: num(s.breakerThreshold),
    breakerCooldownSeconds: num(s.breakerCooldownSeconds),
    enabled: s.enabled,
  };
  if (s.kind !== "http") {
    const converted = isKind(s.kind) ? configFromRaw(s.kind, s.kindConfig) : { config: {}, errors: {} };
    return { input: { ...base, kind: s.kind, config: converted.config } as IntegrationInputRaw, errors: converted.errors };
  }
  const input: IntegrationInputRaw = {
    ...base,
    kind: "http",
    config: {
      method: s.method as (typeof HTTP_METHODS)[number],
      url: s.url,
      headers: s.headers.filter((h) => h.name.trim() || h.value.trim()),
      body: s.body && s.method !== "GET" && s.method !== "HEAD" ? s.body : undefined,
      expectedStatus: s.expectedStatus,
      latencyBudgetMs: num(s.latencyBudgetMs),
      minRateLimitHeadroomPercent: num(s.minHeadroom),
      auth:
        s.authType === "bearer"
          ? { type: "bearer", token: s.authToken }
          : s.authType === "basic"
            ? { type: "basic", username: s.authUsername, password: s.authPassword }
            : s.authType === "api_key"
              ? { type: "api_key", name: s.apiKeyName, value: s.apiKeyValue, in: s.apiKeyIn }
              : undefined,
      assertion:
        s.assertionType === "json_path"
          ? { type: "json_path", path: s.jsonPath, equals: s.equals === "" ? undefined : s.equals }
          : s.assertionType === "body_contains"
            ? { type: "body_contains", text: s.bodyContains }
            : undefined,
    },
  };
  return { input, errors: {} };
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader className="block">
        <CardTitle>{title}</CardTitle>
        <p className="text-xs text-muted-foreground">{description}</p>
      </CardHeader>
      <CardBody className="grid gap-4 sm:grid-cols-2">{children}</CardBody>
    </Card>
  );
}

export function IntegrationForm({ integrationId, initial, initialKind }: { integrationId?: string; initial?: IntegrationInputRaw; initialKind?: string }) {
  const router = useRouter();
  const save = useMutation(integrationActions.save(integrationId));
  const [state, setState] = useState<FormState>(() => {
    const base = fromInput(initial);
    if (!initialKind || initial) return base;
    // A kind chosen by link starts from that kind's defaults, as choosing it in the select does.
    return { ...base, kind: initialKind, kindConfig: initialKind !== "http" && isKind(initialKind) ? rawFromConfig(initialKind, undefined) : {} };
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [submitted, setSubmitted] = useState(false);
  // Set on a submit that found errors; the effect moves focus once the errors are rendered.
  const focusFirstError = useRef(false);
  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    document.querySelector<HTMLElement>("form [aria-invalid=true]")?.focus();
  }, [errors]);

  const validate = (next: FormState) => {
    const { input, errors } = toInput(next);
    const parsed = integrationInputSchema.safeParse(input);
    return { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...errors };
  };
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    const next = { ...state, [key]: value };
    setState(next);
    if (submitted) setErrors(validate(next));
  };
  const err = (path: string) => errors[path]?.[0];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validate(state);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError.current = true;
      return;
    }
    save.mutate(toInput(state).input, {
      onSuccess: (saved) => router.push(`/integrations/${saved.id}`),
      onError: (error) => {
        if (error instanceof ApiClientError && Object.keys(error.fields).length > 0) {
          focusFirstError.current = true;
          setErrors(error.fields);
        }
      },
    });
  };

  const errorCount = Object.keys(errors).length;
  const hasBody = state.method !== "GET" && state.method !== "HEAD";

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label={integrationId ? "Edit integration" : "New integration"}>
      {errorCount > 0 ? (
        <div role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad-fg">
          {errorCount === 1 ? "One field needs attention." : `${errorCount} fields need attention.`}
        </div>
      ) : null}
      {save.error && !(save.error instanceof ApiClientError && Object.keys(save.error.fields).length > 0) ? (
        <ErrorState title="Could not save" message={save.error.message} />
      ) : null}

      <Section title="Basics" description="What this integration is and how to find it later.">
        <Field id="name" label="Name" error={err("name")}>
          <Input
            {...describedBy("name", err("name"))}
            value={state.name}
            onChange={(e) => set("name", e.target.value)}
            placeholder="Stripe API"
            autoFocus={!integrationId}
          />
        </Field>
        <Field id="kind" label="Kind" error={err("kind")} hint={isKind(state.kind) ? KIND_INFO[state.kind].description : undefined}>
          <Select
            id="kind"
            value={state.kind}
            onValueChange={(v) => {
              // A new kind starts from that kind's defaults; what was typed for HTTP is kept in case they switch back.
              const next = { ...state, kind: v, kindConfig: v !== "http" && isKind(v) ? rawFromConfig(v, undefined) : {} };
              setState(next);
              if (submitted) setErrors(validate(next));
            }}
            options={[
              ...INTEGRATION_KINDS.map((k) => ({ value: k, label: KIND_INFO[k].label })),
              ...(!isKind(state.kind) ? [{ value: state.kind, label: `${state.kind} (not supported)` }] : []),
            ]}
            invalid={!!err("kind")}
            disabled={!!integrationId}
          />
        </Field>
        <Field id="tags" label="Tags" error={err("tags")} hint="Comma-separated, e.g. payments, critical" className="sm:col-span-2">
          <Input {...describedBy("tags", err("tags"))} value={state.tags} onChange={(e) => set("tags", e.target.value)} placeholder="payments, critical" />
        </Field>
      </Section>

      {state.kind !== "http" && isKind(state.kind) ? (
        <Section title="Connection" description={`How Tether reaches this ${KIND_INFO[state.kind].label} target and what it checks.`}>
          <KindFields
            kind={state.kind}
            raw={state.kindConfig}
            error={err}
            onChange={(key, value) => set("kindConfig", { ...state.kindConfig, [key]: value })}
          />
        </Section>
      ) : (
        <>
          <Section title="Request" description="The request each probe sends.">
            <div className="grid gap-4 sm:col-span-2 sm:grid-cols-[8rem_1fr]">
              <Field id="method" label="Method">
                <Select id="method" value={state.method} onValueChange={(v) => set("method", v)} options={HTTP_METHODS.map((m) => ({ value: m, label: m }))} />
              </Field>
              <Field id="url" label="URL" error={err("config.url")}>
                <Input
                  {...describedBy("url", err("config.url"))}
                  value={state.url}
                  onChange={(e) => set("url", e.target.value)}
                  placeholder="https://api.example.com/health"
                  className="font-mono text-xs"
                  inputMode="url"
                />
              </Field>
            </div>
            <Field id="authType" label="Authentication" hint="Values usually reference secrets, e.g. {{secret.API_TOKEN}}">
              <Select
                id="authType"
                value={state.authType}
                onValueChange={(v) => set("authType", v as AuthType)}
                options={[
                  { value: "none", label: "None" },
                  { value: "bearer", label: "Bearer token" },
                  { value: "basic", label: "Basic (username and password)" },
                  { value: "api_key", label: "API key (header or query)" },
                ]}
              />
            </Field>
            {state.authType === "bearer" ? (
              <Field id="authToken" label="Token" error={err("config.auth.token")}>
                <Input
                  {...describedBy("authToken", err("config.auth.token"))}
                  value={state.authToken}
                  onChange={(e) => set("authToken", e.target.value)}
                  placeholder="{{secret.API_TOKEN}}"
                  className="font-mono text-xs"
                />
              </Field>
            ) : state.authType === "basic" ? (
              <div className="grid grid-cols-2 gap-2">
                <Field id="authUsername" label="Username" error={err("config.auth.username")}>
                  <Input
                    {...describedBy("authUsername", err("config.auth.username"))}
                    value={state.authUsername}
                    onChange={(e) => set("authUsername", e.target.value)}
                    className="font-mono text-xs"
                  />
                </Field>
                <Field id="authPassword" label="Password" error={err("config.auth.password")}>
                  <Input
                    {...describedBy("authPassword", err("config.auth.password"))}
                    value={state.authPassword}
                    onChange={(e) => set("authPassword", e.target.value)}
                    placeholder="{{secret.PASSWORD}}"
                    className="font-mono text-xs"
                  />
                </Field>
              </div>
            ) : state.authType === "api_key" ? (
              <div className="grid grid-cols-[1fr_1fr_6rem] gap-2">
                <Field id="apiKeyName" label="Name" error={err("config.auth.name")}>
                  <Input
                    {...describedBy("apiKeyName", err("config.auth.name"))}
                    value={state.apiKeyName}
                    onChange={(e) => set("apiKeyName", e.target.value)}
                    className="font-mono text-xs"
                  />
                </Field>
                <Field id="apiKeyValue" label="Key" error={err("config.auth.value")}>
                  <Input
                    {...describedBy("apiKeyValue", err("config.auth.value"))}
                    value={state.apiKeyValue}
                    onChange={(e) => set("apiKeyValue", e.target.value)}
                    placeholder="{{secret.API_KEY}}"
                    className="font-mono text-xs"
                  />
                </Field>
                <Field id="apiKeyIn" label="In">
                  <Select
                    id="apiKeyIn"
                    value={state.apiKeyIn}
                    onValueChange={(v) => set("apiKeyIn", v as "header" | "query")}
                    options={[
                      { value: "header", label: "header" },
                      { value: "query", label: "query" },
                    ]}
                  />
                </Field>
              </div>
            ) : (
              <div />
            )}
            <div className="grid gap-1.5 sm:col-span-2">
              <span className="text-xs font-medium">Headers</span>
              {state.headers.map((h, idx) => (
                <div key={idx} className="grid grid-cols-[1fr_2fr_auto] gap-2">
                  <Input
                    aria-label={`Header ${idx + 1} name`}
                    aria-invalid={!!err(`config.headers.${idx}.name`) || undefined}
                    value={h.name}
                    placeholder="Accept"
                    className="font-mono text-xs"
                    onChange={(e) =>
                      set(
                        "headers",
                        state.headers.map((x, j) => (j === idx ? { ...x, name: e.target.value } : x)),
                      )
                    }
                  />
                  <Input
                    aria-label={`Header ${idx + 1} value`}
                    value={h.value}
                    placeholder="application/json"
                    className="font-mono text-xs"
                    onChange={(e) =>
                      set(
                        "headers",
                        state.headers.map((x, j) => (j === idx ? { ...x, value: e.target.value } : x)),
                      )
                    }
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove header ${idx + 1}`}
                    onClick={() =>
                      set(
                        "headers",
                        state.headers.filter((_, j) => j !== idx),
                      )
                    }
                  >
                    <X />
                  </Button>
                  {err(`config.headers.${idx}.name`) ? <p className="col-span-3 text-xs text-bad-fg">{err(`config.headers.${idx}.name`)}</p> : null}
                </div>
              ))}
              <div>
                <Button size="sm" onClick={() => set("headers", [...state.headers, { name: "", value: "" }])}>
                  <Plus /> Add header
                </Button>
                <span className="ml-2 text-xs text-muted-foreground">
                  For API keys write <code className="font-mono">{"{{secret.API_KEY}}"}</code> and set its value under Secrets on the integration page: it is
                  stored encrypted.
                </span>
              </div>
            </div>
            {hasBody ? (
              <Field id="body" label="Body" error={err("config.body")} className="sm:col-span-2">
                <Textarea
                  {...describedBy("body", err("config.body"))}
                  value={state.body}
                  onChange={(e) => set("body", e.target.value)}
                  placeholder='{"ping": true}'
                />
              </Field>
            ) : null}
          </Section>

          <Section title="Checks" description="What counts as healthy. A run that fails any check is a failure with its own error class.">
            <Field id="expectedStatus" label="Expected status" error={err("config.expectedStatus")} hint="e.g. 2xx, 200,204 or 200-299">
              <Input
                {...describedBy("expectedStatus", err("config.expectedStatus"))}
                value={state.expectedStatus}
                onChange={(e) => set("expectedStatus", e.target.value)}
                className="font-mono text-xs"
              />
            </Field>
            <Field id="latencyBudgetMs" label="Latency budget (ms)" error={err("config.latencyBudgetMs")} hint="Optional: slower runs fail with latency_budget">
              <Input
                {...describedBy("latencyBudgetMs", err("config.latencyBudgetMs"))}
                value={state.latencyBudgetMs}
                onChange={(e) => set("latencyBudgetMs", e.target.value)}
                inputMode="numeric"
                placeholder="none"
              />
            </Field>
            <Field
              id="minHeadroom"
              label="Min rate-limit headroom (%)"
              error={err("config.minRateLimitHeadroomPercent")}
              hint="Optional: fail when the provider's remaining quota is lower"
            >
              <Input
                {...describedBy("minHeadroom", err("config.minRateLimitHeadroomPercent"))}
                value={state.minHeadroom}
                onChange={(e) => set("minHeadroom", e.target.value)}
                inputMode="numeric"
                placeholder="none"
              />
            </Field>
            <div />
            <Field id="assertionType" label="Body assertion">
              <Select
                id="assertionType"
                value={state.assertionType}
                onValueChange={(v) => set("assertionType", v as AssertionType)}
                options={[
                  { value: "none", label: "None" },
                  { value: "json_path", label: "JSON path" },
                  { value: "body_contains", label: "Body contains text" },
                ]}
              />
            </Field>
            {state.assertionType === "json_path" ? (
              <div className="grid grid-cols-2 gap-2">
                <Field id="jsonPath" label="JSON path" error={err("config.assertion.path")}>
                  <Input
                    {...describedBy("jsonPath", err("config.assertion.path"))}
                    value={state.jsonPath}
                    onChange={(e) => set("jsonPath", e.target.value)}
                    className="font-mono text-xs"
                  />
                </Field>
                <Field id="equals" label="Equals" hint="Empty: must exist">
                  <Input
                    {...describedBy("equals")}
                    value={state.equals}
                    onChange={(e) => set("equals", e.target.value)}
                    className="font-mono text-xs"
                    placeholder="ok"
                  />
                </Field>
              </div>
            ) : state.assertionType === "body_contains" ? (
              <Field id="bodyContains" label="Text" error={err("config.assertion.text")}>
                <Input
                  {...describedBy("bodyContains", err("config.assertion.text"))}
                  value={state.bodyContains}
                  onChange={(e) => set("bodyContains", e.target.value)}
                />
              </Field>
            ) : (
              <div />
            )}
          </Section>
        </>
      )}

      <Section title="Schedule and resilience" description="How often to probe, and the policies every attempt runs through.">
        <Field id="intervalSeconds" label="Interval (seconds)" error={err("intervalSeconds")}>
          <Input
            {...describedBy("intervalSeconds", err("intervalSeconds"))}
            value={state.intervalSeconds}
            onChange={(e) => set("intervalSeconds", e.target.value)}
            inputMode="numeric"
          />
        </Field>
        <Field id="timeoutMs" label="Timeout per attempt (ms)" error={err("timeoutMs")}>
          <Input
            {...describedBy("timeoutMs", err("timeoutMs"))}
            value={state.timeoutMs}
            onChange={(e) => set("timeoutMs", e.target.value)}
            inputMode="numeric"
          />
        </Field>
        <Field id="retryAttempts" label="Retries" error={err("retryAttempts")} hint="Exponential backoff with full jitter between attempts">
          <Input
            {...describedBy("retryAttempts", err("retryAttempts"))}
            value={state.retryAttempts}
            onChange={(e) => set("retryAttempts", e.target.value)}
            inputMode="numeric"
          />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id="backoffInitialMs" label="First backoff (ms)" error={err("backoffInitialMs")} hint="then doubling">
            <Input
              {...describedBy("backoffInitialMs", err("backoffInitialMs"))}
              value={state.backoffInitialMs}
              onChange={(e) => set("backoffInitialMs", e.target.value)}
              inputMode="numeric"
            />
          </Field>
          <Field id="backoffMaxMs" label="Longest backoff (ms)" error={err("backoffMaxMs")} hint="full jitter below">
            <Input
              {...describedBy("backoffMaxMs", err("backoffMaxMs"))}
              value={state.backoffMaxMs}
              onChange={(e) => set("backoffMaxMs", e.target.value)}
              inputMode="numeric"
            />
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-2">
          <Field id="breakerThreshold" label="Open circuit after" error={err("breakerThreshold")} hint="consecutive failures">
            <Input
              {...describedBy("breakerThreshold", err("breakerThreshold"))}
              value={state.breakerThreshold}
              onChange={(e) => set("breakerThreshold", e.target.value)}
              inputMode="numeric"
            />
          </Field>
          <Field id="breakerCooldownSeconds" label="Cooldown (s)" error={err("breakerCooldownSeconds")} hint="before a trial probe">
            <Input
              {...describedBy("breakerCooldownSeconds", err("breakerCooldownSeconds"))}
              value={state.breakerCooldownSeconds}
              onChange={(e) => set("breakerCooldownSeconds", e.target.value)}
              inputMode="numeric"
            />
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <Switch checked={state.enabled} onCheckedChange={(v) => set("enabled", v)} aria-label="Enabled" />
          Probe on schedule {state.enabled ? "" : <span className="text-muted-foreground">(paused: saved, but not probed)</span>}
        </label>
      </Section>

      <div className="sticky bottom-0 -mx-1 flex justify-end gap-2 border-t bg-background/90 px-1 py-3 backdrop-blur">
        <Button asChild>
          <Link href={integrationId ? `/integrations/${integrationId}` : "/"}>Cancel</Link>
        </Button>
        <Button variant="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? <Loader2 className="animate-spin" /> : null}
          {integrationId ? "Save changes" : "Create integration"}
        </Button>
      </div>
    </form>
  );
}

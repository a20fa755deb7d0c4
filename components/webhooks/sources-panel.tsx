"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, Plus, Webhook } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { webhookActions, webhookQueries } from "@/lib/queries/webhooks";
import { integrationQueries } from "@/lib/queries/integrations";
import { formatBytes } from "@/lib/domain/format";
import { Badge } from "@/components/ui/badge";
import { ManagedBadge } from "@/components/ui/managed-badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { configPlaceholder, parseConfigText, SCHEMES, schemeInfo } from "./schemes";
import { SourceActions } from "./source-actions";

const EMPTY = { name: "", slug: "", scheme: "standard_webhooks", secret: "", schemeConfig: "", forwardUrl: "", integrationId: "none" };

export function SourcesPanel() {
  const canEdit = useCan("editor");
  const { data, error, isPending, refetch } = useQuery(webhookQueries.sources());
  const [form, setForm] = useState(EMPTY);
  const integrations = useQuery(integrationQueries.list());
  const create = useMutation(webhookActions.createSource());
  const [configError, setConfigError] = useState<string | undefined>();
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const schemeConfigError = configError ?? Object.entries(fields).find(([k]) => k.startsWith("schemeConfig"))?.[1][0];
  const scheme = schemeInfo(form.scheme);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const schemeConfig = parseConfigText(form.schemeConfig);
    setConfigError(schemeConfig === undefined ? "Not valid JSON" : undefined);
    if (schemeConfig === undefined) return;
    create.mutate(
      {
        ...form,
        schemeConfig,
        forwardUrl: form.forwardUrl || null,
        secret: form.secret || undefined,
        integrationId: form.integrationId === "none" ? null : form.integrationId,
      },
      { onSuccess: () => setForm(EMPTY) },
    );
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      <Card className="self-start">
        <CardHeader>
          <CardTitle>Sources</CardTitle>
        </CardHeader>
        {isPending ? (
          <div className="p-3">
            <Skeleton className="h-10" />
          </div>
        ) : error ? (
          <div className="p-3">
            <ErrorState title="Could not load sources" message={error.message} onRetry={() => refetch()} />
          </div>
        ) : data.length === 0 ? (
          <EmptyState icon={<Webhook />} title="No webhook sources yet">
            A source is one receiving URL. Create one, then paste its URL and signing secret into the provider.
          </EmptyState>
        ) : (
          <ul className="divide-y" data-testid="sources-list">
            {data.map((s) => (
              <li key={s.id} className="grid gap-1 px-4 py-3 text-sm">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{s.name}</span>
                  <Badge>{s.scheme}</Badge>
                  <ManagedBadge managedBy={s.managedBy} />
                  {s.scheme !== "none" ? (
                    <Badge tone={s.hasSecret ? "ok" : "bad"}>{s.hasSecret ? "secret set" : "no secret"}</Badge>
                  ) : (
                    <Badge tone="warn">unverified</Badge>
                  )}
                  {s.rotationEndsAt ? <Badge tone="warn">previous secret accepted until {s.rotationEndsAt.slice(0, 16).replace("T", " ")}</Badge> : null}
                  {s.enabled ? null : <Badge tone="bad">disabled: answers 410</Badge>}
                  <SourceActions source={s} />
                </div>
                <code className="w-fit rounded bg-muted px-1.5 py-0.5 font-mono text-xs select-all">
                  {origin}/api/webhooks/in/{s.slug}
                </code>
                <span className="text-xs text-muted-foreground">
                  {s.forwardUrl
                    ? `Relays to ${s.forwardUrl} (${s.maxAttempts} ${s.maxAttempts === 1 ? "attempt" : "attempts"})`
                    : "Stores events; no relay target"}{" "}
                  · limit {formatBytes(s.maxBodyBytes)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {canEdit ? (
        <Card className="self-start">
          <CardHeader>
            <CardTitle>New source</CardTitle>
          </CardHeader>
          <CardBody>
            <form onSubmit={onSubmit} className="grid gap-3" aria-label="New webhook source">
              <Field id="src-name" label="Name" error={fields.name?.[0]}>
                <Input
                  {...describedBy("src-name", fields.name?.[0])}
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value, slug: form.slug || "" })}
                  placeholder="Stripe events"
                />
              </Field>
              <Field id="src-slug" label="URL slug" error={fields.slug?.[0]} hint="/api/webhooks/in/<slug>">
                <Input
                  {...describedBy("src-slug", fields.slug?.[0])}
                  value={form.slug}
                  onChange={(e) => setForm({ ...form, slug: e.target.value })}
                  placeholder="stripe"
                  className="font-mono text-xs"
                />
              </Field>
              <Field id="src-integration" label="Integration" hint="Its health page shows this source's traffic">
                <Select
                  id="src-integration"
                  value={form.integrationId}
                  onValueChange={(v) => setForm({ ...form, integrationId: v })}
                  options={[{ value: "none", label: "None" }, ...(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name }))]}
                />
              </Field>
              <Field id="src-scheme" label="Verification" error={fields.scheme?.[0]}>
                <Select id="src-scheme" value={form.scheme} onValueChange={(v) => setForm({ ...form, scheme: v, schemeConfig: "" })} options={SCHEMES} />
              </Field>
              {scheme?.configExample ? (
                <Field id="src-scheme-config" label="Verification settings (JSON)" error={schemeConfigError} hint="This scheme needs these filled in">
                  <Textarea
                    {...describedBy("src-scheme-config", schemeConfigError)}
                    value={form.schemeConfig}
                    onChange={(e) => setForm({ ...form, schemeConfig: e.target.value })}
                    placeholder={configPlaceholder(form.scheme)}
                    rows={4}
                    spellCheck={false}
                    className="font-mono text-xs"
                  />
                </Field>
              ) : null}
              {scheme?.secret ? (
                <Field
                  id="src-secret"
                  label={scheme.secret.label}
                  error={fields.secret?.[0]}
                  hint={`${scheme.secret.hint}. Stored encrypted; never shown again`}
                >
                  <Input
                    {...describedBy("src-secret", fields.secret?.[0])}
                    type="password"
                    autoComplete="off"
                    value={form.secret}
                    onChange={(e) => setForm({ ...form, secret: e.target.value })}
                  />
                </Field>
              ) : null}
              <Field id="src-forward" label="Relay to (optional)" error={fields.forwardUrl?.[0]} hint="Accepted events are forwarded here, with retries">
                <Input
                  {...describedBy("src-forward", fields.forwardUrl?.[0])}
                  value={form.forwardUrl}
                  onChange={(e) => setForm({ ...form, forwardUrl: e.target.value })}
                  placeholder="https://internal.example.com/hooks"
                  className="font-mono text-xs"
                />
              </Field>
              {create.error && Object.keys(fields).length === 0 ? <ErrorState title="Could not create the source" message={create.error.message} /> : null}
              <Button variant="primary" type="submit" disabled={create.isPending}>
                {create.isPending ? <Loader2 className="animate-spin" /> : <Plus />} Create source
              </Button>
            </form>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

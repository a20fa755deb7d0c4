"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/api/errors";
import { formFromInput, inputFromForm, kindConfigFor, type FormState } from "@/lib/integrations/form-state";
import { integrationInputSchema, type IntegrationInputRaw } from "@/lib/integrations/integration-input";
import { INTEGRATION_KINDS, isIntegrationKind, KIND_INFO } from "@/lib/probes/kinds";
import { KindFields } from "./kind-fields";
import { HttpFields } from "./http-fields";
import { FormSection } from "./form-section";
import { ApiClientError } from "@/lib/queries/api-client";
import { integrationActions } from "@/lib/queries/integrations";
import { workerQueries } from "@/lib/queries/workers";
import { unservedMessage } from "@/lib/domain/location-coverage";
import { TagInput } from "@/components/ui/tag-input";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { ErrorState } from "@/components/ui/state";

export function IntegrationForm({ integrationId, initial, initialKind }: { integrationId?: string; initial?: IntegrationInputRaw; initialKind?: string }) {
  const router = useRouter();
  const save = useMutation(integrationActions.save(integrationId));
  const [state, setState] = useState<FormState>(() => {
    const base = formFromInput(initial);
    if (!initialKind || initial) return base;
    // A kind chosen by link starts from that kind's defaults, as choosing it in the select does.
    return { ...base, kind: initialKind, kindConfig: kindConfigFor(initialKind) };
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
    const { input, errors } = inputFromForm(next);
    const parsed = integrationInputSchema.safeParse(input);
    return { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...errors };
  };
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    const next = { ...state, [key]: value };
    setState(next);
    if (submitted) setErrors(validate(next));
  };
  const err = (path: string) => errors[path]?.[0];
  // A location's own error ("locations.2") names the location, so it is clear which chip to fix.
  const locationItemErrors = Object.entries(errors).flatMap(([k, messages]) => {
    const m = /^locations\.(\d+)$/.exec(k);
    const value = m ? state.locations[Number(m[1])] : undefined;
    return value === undefined ? [] : [{ value, message: messages[0]! }];
  });
  const locationsError = err("locations") ?? (locationItemErrors[0] ? `${locationItemErrors[0].value}: ${locationItemErrors[0].message}` : undefined);
  // Known locations: those workers report and other integrations list (none until it loads, or if it cannot).
  const known = useQuery(workerQueries.locations());
  const served = new Map((known.data ?? []).map((l) => [l.location, l.served]));
  const unserved = known.data ? state.locations.filter((l) => served.get(l) !== true) : [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validate(state);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError.current = true;
      return;
    }
    save.mutate(inputFromForm(state).input, {
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

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label={integrationId ? "Edit integration" : "New integration"}>
      {errorCount > 0 ? (
        <div role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
          {errorCount === 1 ? "One field needs attention." : `${errorCount} fields need attention.`}
        </div>
      ) : null}
      {save.error && !(save.error instanceof ApiClientError && Object.keys(save.error.fields).length > 0) ? (
        <ErrorState title="Could not save" message={save.error.message} />
      ) : null}

      <FormSection title="Basics" description="What this integration is and how to find it later.">
        <Field id="name" label="Name" error={err("name")}>
          <Input
            {...describedBy("name", err("name"))}
            value={state.name}
            onChange={(e) => set("name", e.target.value)}
            placeholder="Stripe API"
            autoFocus={!integrationId}
          />
        </Field>
        <Field id="kind" label="Kind" error={err("kind")} hint={isIntegrationKind(state.kind) ? KIND_INFO[state.kind].description : undefined}>
          <Select
            id="kind"
            value={state.kind}
            onValueChange={(v) => {
              // A new kind starts from that kind's defaults; what was typed for HTTP is kept in case they switch back.
              const next = { ...state, kind: v, kindConfig: kindConfigFor(v) };
              setState(next);
              if (submitted) setErrors(validate(next));
            }}
            options={[
              ...INTEGRATION_KINDS.map((k) => ({ value: k, label: KIND_INFO[k].label })),
              ...(!isIntegrationKind(state.kind) ? [{ value: state.kind, label: `${state.kind} (not supported)` }] : []),
            ]}
            invalid={!!err("kind")}
            disabled={!!integrationId}
          />
        </Field>
        <Field id="tags" label="Tags" error={err("tags")} hint="Comma-separated, e.g. payments, critical" className="sm:col-span-2">
          <Input {...describedBy("tags", err("tags"))} value={state.tags} onChange={(e) => set("tags", e.target.value)} placeholder="payments, critical" />
        </Field>
      </FormSection>

      {state.kind !== "http" && isIntegrationKind(state.kind) ? (
        <FormSection title="Connection" description={`How Tether reaches this ${KIND_INFO[state.kind].label} target and what it checks.`}>
          <KindFields
            kind={state.kind}
            raw={state.kindConfig}
            error={err}
            onChange={(key, value) => set("kindConfig", { ...state.kindConfig, [key]: value })}
          />
        </FormSection>
      ) : (
        <HttpFields state={state.http} set={(key, value) => set("http", { ...state.http, [key]: value })} error={err} />
      )}

      <FormSection title="Schedule and resilience" description="How often to probe, and the policies every attempt runs through.">
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
      </FormSection>

      <FormSection title="Locations" description="Where it is probed from: workers started with TETHER_LOCATION. None listed: any worker, once a slot.">
        <Field
          id="locations"
          label="Locations"
          className="content-start"
          error={locationsError}
          hint="Type a location and press Enter, or pick a known one; each listed location probes every slot."
        >
          <TagInput
            {...describedBy("locations", locationsError)}
            value={state.locations}
            onChange={(next) => {
              // Listing none takes the quorum away with them (it would have nothing to count).
              const patch = next.length === 0 ? { locations: next, quorum: "" } : { locations: next };
              const updated = { ...state, ...patch };
              setState(updated);
              if (submitted) setErrors(validate(updated));
            }}
            normalize={(text) => text.trim().toLowerCase()}
            invalidValues={new Set(locationItemErrors.map((e) => e.value))}
            placeholder={state.locations.length === 0 ? "eu-west" : ""}
            suggestionsLabel="Known locations"
            suggestions={(known.data ?? []).map((l) => ({
              value: l.location,
              note: l.served ? undefined : "no worker",
              title: l.served
                ? `${l.aliveWorkers === 1 ? "1 worker" : `${l.aliveWorkers} workers`} alive; listed by ${l.integrations === 1 ? "1 integration" : `${l.integrations} integrations`}`
                : unservedMessage(l.location),
            }))}
          />
        </Field>
        <Field
          id="quorum"
          label="Down when failing in"
          className="content-start"
          error={err("quorum")}
          hint={
            state.locations.length === 0
              ? "List locations first"
              : `How many of the ${state.locations.length} locations must fail (1 to ${state.locations.length}); empty: all of them`
          }
        >
          <Input
            {...describedBy("quorum", err("quorum"))}
            value={state.quorum}
            onChange={(e) => set("quorum", e.target.value)}
            inputMode="numeric"
            placeholder={state.locations.length === 0 ? "" : `all ${state.locations.length}`}
            disabled={state.locations.length === 0}
          />
        </Field>
        {unserved.length > 0 ? (
          <ul className="grid gap-1 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-xs text-warn-fg sm:col-span-2" data-testid="unserved-locations">
            {unserved.map((l) => (
              <li key={l}>
                {unservedMessage(l)}: it will not be probed there until one starts with <span className="font-mono">TETHER_LOCATION={l}</span>.
              </li>
            ))}
          </ul>
        ) : null}
      </FormSection>

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

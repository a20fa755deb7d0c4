"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { integrationQueries } from "@/lib/queries/integrations";
import { sloActions } from "@/lib/queries/slos";
import { SLO_WINDOWS, SLO_WINDOW_LABELS } from "@/lib/slo/slo";
import type { SloInput } from "@/lib/slo/slo";
import { draftFromForm, formFromSlo, type SloFormState, type SloScopeKind } from "@/lib/slo/slo-form";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";

const idOf = (path: string) => `slo-${path.replace(/\./g, "-")}`;
const SCOPES: { value: SloScopeKind; label: string }[] = [
  { value: "integration", label: "One integration" },
  { value: "tag", label: "A tag" },
  { value: "integrations", label: "A set of integrations" },
];

/** Creates an SLO, or (given its id and stored fields) edits it with a PATCH of the whole form. */
export function SloForm({ sloId, initial }: { sloId?: string; initial?: SloInput } = {}) {
  const router = useRouter();
  const save = useMutation(sloActions.save(sloId));
  const integrations = useQuery(integrationQueries.list());
  const [state, setState] = useState<SloFormState>(() => formFromSlo(initial));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const draft = draftFromForm(state);
  const errors = { ...draft.errors, ...serverErrors };
  const err = (path: string) => (submitted || serverErrors[path] ? errors[path]?.[0] : undefined);
  const set = <K extends keyof SloFormState>(key: K, value: SloFormState[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setServerErrors({});
  };
  const bind = (path: string) => describedBy(idOf(path), err(path));
  const shown = Object.keys(errors).filter((p) => err(p));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!draft.ok) return;
    save.mutate(draft.slo, {
      onSuccess: (saved) => router.push(`/slos/${saved.id}`),
      onError: (error) => {
        if (error instanceof ApiClientError && Object.keys(error.fields).length > 0) setServerErrors(error.fields);
      },
    });
  };

  const list = integrations.data ?? [];
  return (
    <form onSubmit={onSubmit} noValidate aria-label={sloId ? "Edit SLO" : "New SLO"} className="grid max-w-2xl gap-4">
      {submitted && shown.length > 0 ? (
        <div role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad-fg">
          {shown.length === 1 ? "One field needs attention." : `${shown.length} fields need attention.`}
        </div>
      ) : null}
      {save.error && !(save.error instanceof ApiClientError && Object.keys(save.error.fields).length > 0) ? (
        <ErrorState title="Could not save the SLO" message={save.error.message} />
      ) : null}
      <Card>
        <CardBody className="grid gap-3 sm:grid-cols-2">
          <Field id={idOf("name")} label="Name" error={err("name")} className="sm:col-span-2">
            <Input {...bind("name")} value={state.name} onChange={(e) => set("name", e.target.value)} placeholder="Payments availability" autoFocus />
          </Field>
          <Field id={idOf("scopeKind")} label="Covers">
            <Select id={idOf("scopeKind")} value={state.scopeKind} onValueChange={(v) => set("scopeKind", v as SloScopeKind)} options={SCOPES} />
          </Field>
          {state.scopeKind === "integration" ? (
            <Field id={idOf("scope.integrationId")} label="Integration" error={err("scope.integrationId")}>
              <Select
                id={idOf("scope.integrationId")}
                value={state.integrationId}
                invalid={!!err("scope.integrationId")}
                placeholder={integrations.isPending ? "Loading…" : "Choose an integration"}
                onValueChange={(v) => set("integrationId", v)}
                options={list.map((i) => ({ value: i.id, label: i.name }))}
              />
            </Field>
          ) : state.scopeKind === "tag" ? (
            <Field id={idOf("scope.tag")} label="Tag" error={err("scope.tag")}>
              <Input {...bind("scope.tag")} value={state.tag} onChange={(e) => set("tag", e.target.value)} placeholder="payments" />
            </Field>
          ) : (
            <fieldset className="grid gap-1 sm:col-span-2" aria-describedby={err("scope.integrationIds") ? `${idOf("scope.integrationIds")}-error` : undefined}>
              <legend className="text-xs font-medium">Integrations</legend>
              <div className="grid max-h-48 gap-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
                {list.map((i) => (
                  <label key={i.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={state.integrationIds.includes(i.id)}
                      onChange={(e) =>
                        set("integrationIds", e.target.checked ? [...state.integrationIds, i.id] : state.integrationIds.filter((x) => x !== i.id))
                      }
                    />
                    {i.name}
                  </label>
                ))}
              </div>
              {err("scope.integrationIds") ? (
                <p id={`${idOf("scope.integrationIds")}-error`} role="alert" className="text-xs text-bad-fg">
                  {err("scope.integrationIds")}
                </p>
              ) : null}
            </fieldset>
          )}
          <Field id={idOf("objectivePct")} label="Objective (%)" error={err("objectivePct")} hint="The share of good runs to hold to, e.g. 99.9">
            <Input
              {...bind("objectivePct")}
              inputMode="decimal"
              className="tabular"
              value={state.objectivePct}
              onChange={(e) => set("objectivePct", e.target.value)}
            />
          </Field>
          <Field id={idOf("window")} label="Window" error={err("window")}>
            <Select
              id={idOf("window")}
              value={state.window}
              onValueChange={(v) => set("window", v as SloFormState["window"])}
              options={SLO_WINDOWS.map((w) => ({ value: w, label: SLO_WINDOW_LABELS[w] }))}
            />
          </Field>
          <Field id={idOf("sliKind")} label="Good runs are">
            <Select
              id={idOf("sliKind")}
              value={state.sliKind}
              onValueChange={(v) => set("sliKind", v as SloFormState["sliKind"])}
              options={[
                { value: "availability", label: "Successful runs (availability)" },
                { value: "latency", label: "Successful runs faster than a bound (latency)" },
              ]}
            />
          </Field>
          {state.sliKind === "latency" ? (
            <Field id={idOf("sli.thresholdMs")} label="No slower than (ms)" error={err("sli.thresholdMs")}>
              <Input
                {...bind("sli.thresholdMs")}
                inputMode="decimal"
                className="tabular"
                value={state.thresholdMs}
                onChange={(e) => set("thresholdMs", e.target.value)}
              />
            </Field>
          ) : null}
          <Field id={idOf("slaPct")} label="Contracted SLA (%)" error={err("slaPct")} hint="Optional: the provider's own promise, shown beside ours">
            <Input
              {...bind("slaPct")}
              inputMode="decimal"
              className="tabular"
              value={state.slaPct}
              onChange={(e) => set("slaPct", e.target.value)}
              placeholder="optional"
            />
          </Field>
        </CardBody>
      </Card>
      <div>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : sloId ? "Save changes" : "Create SLO"}
        </Button>
        {sloId ? (
          <Button type="button" variant="ghost" className="ml-2" onClick={() => router.push(`/slos/${sloId}`)}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

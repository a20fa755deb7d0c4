"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ChevronRight, Loader2, Save, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { CONDITION_LABELS, describeCondition, describeResolve, SEVERITY_LABELS } from "@/lib/alerts/condition-text";
import { RULE_CONDITION_KINDS, SEVERITIES, type RuleInput, type Severity } from "@/lib/alerts/rule";
import {
  applyBurnPreset,
  BURN_PRESET_BUTTONS,
  CONDITION_FIELDS,
  draftFromForm,
  formFromRule,
  integrationsInScope,
  isConditionKind,
  switchConditionKind,
  type RuleFormState,
  type ScopeKind,
} from "@/lib/alerts/rule-form";
import { ApiClientError } from "@/lib/queries/api-client";
import { alertActions, alertQueries } from "@/lib/queries/alerts";
import { integrationQueries } from "@/lib/queries/integrations";
import { sloQueries } from "@/lib/queries/slos";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { Switch } from "@/components/ui/switch";
import { useCan } from "@/components/app-shell/viewer-context";
import { BacktestPanel } from "./backtest-panel";

const SCOPES: { value: ScopeKind; label: string }[] = [
  { value: "integration", label: "One integration" },
  { value: "tag", label: "Integrations with a tag" },
  { value: "all", label: "All integrations" },
];

/** A dotted error path ("condition.thresholdPct") as a DOM id. */
const idOf = (path: string) => `rule-${path.replace(/\./g, "-")}`;

function Section({ title, description, children, className }: { title: string; description?: string; children: ReactNode; className?: string }) {
  return (
    <Card>
      <CardHeader className="block">
        <CardTitle>{title}</CardTitle>
        {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      </CardHeader>
      <CardBody className={className ?? "grid items-start gap-4 sm:grid-cols-2"}>{children}</CardBody>
    </Card>
  );
}

function ChannelPicker({ value, onChange, error }: { value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const channels = useQuery(alertQueries.channels());
  if (channels.isPending) return <p className="text-xs text-muted-foreground">Loading channels…</p>;
  if (channels.error) return <ErrorState title="Could not load channels" message={channels.error.message} onRetry={() => channels.refetch()} />;
  if (channels.data.length === 0) {
    return (
      <p className="text-xs text-muted-foreground">
        No channels yet: this rule will open incidents without notifying anyone.{" "}
        <Link href="/alerts/channels" className="text-accent underline underline-offset-2">
          Add a channel
        </Link>
        .
      </p>
    );
  }
  return (
    <fieldset className="grid gap-1" aria-describedby={error ? "rule-channelIds-error" : undefined}>
      <legend className="sr-only">Notify channels</legend>
      <div className="grid gap-1 sm:grid-cols-2">
        {channels.data.map((c) => (
          <label
            key={c.id}
            className="flex items-center gap-2 rounded-md border px-2.5 py-1.5 text-sm hover:bg-muted/50 has-[:checked]:border-accent/50 has-[:checked]:bg-accent/5"
          >
            <input
              type="checkbox"
              className="size-3.5 accent-(--accent)"
              checked={value.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((id) => id !== c.id))}
            />
            <span className="truncate">{c.name}</span>
            <span className="ml-auto font-mono text-[11px] text-muted-foreground">{c.kind}</span>
            {!c.enabled ? <span className="text-[11px] text-muted-foreground">(off)</span> : null}
          </label>
        ))}
      </div>
      {error ? (
        <p id="rule-channelIds-error" role="alert" className="text-xs text-bad-fg">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Fields that count as the backtest's input: while one of them is invalid there is nothing to replay. */
const BACKTEST_PATHS = /^(scope|condition)/;

export function RuleEditor({ ruleId, initial }: { ruleId?: string; initial?: RuleInput }) {
  const router = useRouter();
  const canEdit = useCan("editor");
  const save = useMutation(alertActions.saveRule(ruleId));
  const remove = useMutation(alertActions.removeRule(ruleId ?? ""));
  const integrations = useQuery(integrationQueries.list());
  const [state, setState] = useState<RuleFormState>(() => formFromRule(initial));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  // The SLO picker's options, loaded only once a burn-rate condition is chosen.
  const slos = useQuery({ ...sloQueries.list(), enabled: state.conditionKind === "slo_burn_rate" });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const focusFirstError = useRef(false);

  const draft = useMemo(() => draftFromForm(state), [state]);
  // The backtest needs only scope and condition: a missing name must not hold it back.
  const backtestDraft = useMemo(() => draftFromForm({ ...state, name: state.name.trim() || "Draft" }), [state]);
  const errors = { ...draft.errors, ...serverErrors };
  const err = (path: string) => (submitted || touched.has(path) || serverErrors[path] ? errors[path]?.[0] : undefined);
  const shown = Object.keys(errors).filter((p) => err(p));

  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    document.querySelector<HTMLElement>("form [aria-invalid=true]")?.focus();
  });

  const update = (next: RuleFormState, ...paths: string[]) => {
    setState(next);
    if (paths.length && Object.keys(serverErrors).length) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k))));
  };
  const set = <K extends keyof RuleFormState>(key: K, value: RuleFormState[K], path: string = key) => update({ ...state, [key]: value }, path);
  const touch = (path: string) => () => setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  const bind = (path: string) => ({ ...describedBy(idOf(path), err(path)), onBlur: touch(path) });

  const inScope = useMemo(
    () => (backtestDraft.rule ? integrationsInScope(backtestDraft.rule.scope, integrations.data ?? []) : []),
    [backtestDraft.rule, integrations.data],
  );
  const backtestProblem = backtestDraft.ok
    ? null
    : Object.entries(backtestDraft.errors).find(([p]) => BACKTEST_PATHS.test(p))
      ? "Choose what the rule watches and complete its condition to replay it against stored data."
      : "Fill in the remaining fields to replay this rule.";

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!draft.ok) {
      focusFirstError.current = true;
      setState({ ...state });
      return;
    }
    save.mutate(draft.rule, {
      onSuccess: (saved) => router.push(ruleId ? "/alerts" : `/alerts/${saved.id}`),
      onError: (error) => {
        if (error instanceof ApiClientError && Object.keys(error.fields).length > 0) {
          focusFirstError.current = true;
          setServerErrors(error.fields);
        }
      },
    });
  };

  const c = state.conditionKind;
  const preview = draft.rule ?? backtestDraft.rule;

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,34rem)_minmax(0,1fr)]">
      <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label={ruleId ? "Edit alert rule" : "New alert rule"}>
        {submitted && shown.length > 0 ? (
          <div role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad-fg">
            {shown.length === 1 ? "One field needs attention." : `${shown.length} fields need attention.`}
          </div>
        ) : null}
        {save.error && !(save.error instanceof ApiClientError && Object.keys(save.error.fields).length > 0) ? (
          <ErrorState title="Could not save the rule" message={save.error.message} />
        ) : null}

        <Section title="Rule">
          <Field id={idOf("name")} label="Name" error={err("name")} className="sm:col-span-2">
            <Input {...bind("name")} value={state.name} onChange={(e) => set("name", e.target.value)} placeholder="Payments failing" autoFocus={!ruleId} />
          </Field>
          <Field id={idOf("severity")} label="Severity" error={err("severity")}>
            <Select
              id={idOf("severity")}
              value={state.severity}
              onValueChange={(v) => set("severity", v as Severity)}
              options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
            />
          </Field>
          <div className="grid gap-1">
            <label htmlFor={idOf("enabled")} className="text-xs font-medium">
              Enabled
            </label>
            <div className="flex h-8 items-center gap-2 text-xs text-muted-foreground">
              <Switch id={idOf("enabled")} checked={state.enabled} onCheckedChange={(v) => set("enabled", v)} />
              {state.enabled ? "Evaluated every few seconds" : "Kept, not evaluated"}
            </div>
          </div>
        </Section>

        <Section title="Scope" description="What the rule watches. A tag or all follows integrations as they are added.">
          <Field id={idOf("scope.kind")} label="Watch">
            <Select id={idOf("scope.kind")} value={state.scopeKind} onValueChange={(v) => set("scopeKind", v as ScopeKind, "scope.kind")} options={SCOPES} />
          </Field>
          {state.scopeKind === "integration" ? (
            <Field id={idOf("scope.integrationId")} label="Integration" error={err("scope.integrationId")}>
              <Select
                id={idOf("scope.integrationId")}
                value={state.integrationId}
                onValueChange={(v) => update({ ...state, integrationId: v }, "scope.integrationId")}
                options={(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
                invalid={!!err("scope.integrationId")}
                placeholder="Select…"
                aria-label="Integration"
              />
            </Field>
          ) : state.scopeKind === "tag" ? (
            <Field
              id={idOf("scope.tag")}
              label="Tag"
              error={err("scope.tag")}
              hint={inScope.length ? `${inScope.length} integration${inScope.length === 1 ? "" : "s"} now` : "No integration has it yet"}
            >
              <Input
                {...bind("scope.tag")}
                value={state.tag}
                onChange={(e) => update({ ...state, tag: e.target.value }, "scope.tag")}
                placeholder="payments"
                list="rule-tags"
              />
              <datalist id="rule-tags">
                {[...new Set((integrations.data ?? []).flatMap((i) => i.tags))].map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </Field>
          ) : (
            <p className="self-end pb-1.5 text-xs text-muted-foreground">{inScope.length} enabled integrations now</p>
          )}
        </Section>

        <Section title="Condition" description="When it fires, and when it resolves.">
          <Field id={idOf("condition.kind")} label="Fires on" error={err("condition.kind")} className="sm:col-span-2">
            <Select
              id={idOf("condition.kind")}
              value={c}
              onValueChange={(v) =>
                isConditionKind(v) && update(switchConditionKind(state, v), ...Object.keys(serverErrors).filter((k) => k.startsWith("condition.")))
              }
              options={RULE_CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_LABELS[k] }))}
            />
          </Field>
          {c === "slo_burn_rate" ? (
            <div className="flex flex-wrap items-center gap-2 sm:col-span-2" role="group" aria-label="Burn-rate presets">
              <span className="text-xs text-muted-foreground">Fill the windows with:</span>
              {BURN_PRESET_BUTTONS.map((p) => (
                <Button
                  key={p.id}
                  size="sm"
                  onClick={() => update(applyBurnPreset(state, p.windows), ...Object.keys(serverErrors).filter((k) => /^condition\.w\d/.test(k)))}
                >
                  {p.label}
                </Button>
              ))}
            </div>
          ) : null}
          {CONDITION_FIELDS[c].fields.map((f) => {
            const path = `condition.${f.key}`;
            return (
              <Field key={`${c}-${f.key}`} id={idOf(path)} label={f.label} error={err(path)} hint={f.hint}>
                {f.source === "slo" ? (
                  <Select
                    id={idOf(path)}
                    value={state.condition[f.key] ?? ""}
                    invalid={!!err(path)}
                    placeholder={slos.isPending ? "Loading SLOs…" : (slos.data ?? []).length === 0 ? "No SLOs yet: create one under SLOs" : "Choose an SLO"}
                    onValueChange={(v) => update({ ...state, condition: { ...state.condition, [f.key]: v } }, path)}
                    options={(slos.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.objectivePct}%)` }))}
                  />
                ) : f.select ? (
                  <Select
                    id={idOf(path)}
                    value={state.condition[f.key] ?? ""}
                    onValueChange={(v) => update({ ...state, condition: { ...state.condition, [f.key]: v } }, path)}
                    options={f.select.map((o) => ({ value: o, label: o }))}
                  />
                ) : (
                  <Input
                    {...bind(path)}
                    inputMode="decimal"
                    className="tabular"
                    value={state.condition[f.key] ?? ""}
                    onChange={(e) => update({ ...state, condition: { ...state.condition, [f.key]: e.target.value } }, path)}
                    placeholder={f.optional ? "optional" : undefined}
                  />
                )}
              </Field>
            );
          })}
          <Field
            id={idOf("pendingSeconds")}
            label="Must hold for (seconds)"
            error={err("pendingSeconds")}
            hint="Pending this long before it fires; 0 fires at once"
          >
            <Input
              {...bind("pendingSeconds")}
              inputMode="numeric"
              className="tabular"
              value={state.pendingSeconds}
              onChange={(e) => set("pendingSeconds", e.target.value)}
            />
          </Field>
          {preview ? (
            <p className="rounded-md bg-muted px-2.5 py-1.5 text-xs sm:col-span-2" data-testid="condition-words">
              Fires when <strong className="font-medium">{describeCondition(preview.condition)}</strong>
              {preview.pendingSeconds > 0 ? ` for ${preview.pendingSeconds} s` : ""}
              {describeResolve(preview.condition) ? `; ${describeResolve(preview.condition)}` : ""}.
            </p>
          ) : null}
        </Section>

        <Section title="Notify" description="Every channel gets the firing, reminder and resolved notifications." className="grid gap-3">
          <ChannelPicker value={state.channelIds} onChange={(ids) => set("channelIds", ids)} error={err("channelIds")} />
          <details className="group rounded-md border" open={["flapMaxChanges", "flapWindowMinutes", "reminderMinutes"].some((p) => err(p)) || undefined}>
            <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-2 text-xs font-medium select-none hover:bg-muted/50 focus-visible:outline-2 focus-visible:outline-ring">
              <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden /> Advanced: flapping, reminders and muting
            </summary>
            <div className="grid items-start gap-4 border-t p-3 sm:grid-cols-2">
              <Field
                id={idOf("flapMaxChanges")}
                label="Flapping after (state changes)"
                error={err("flapMaxChanges")}
                hint="More changes than this in the window mute notifications"
              >
                <Input
                  {...bind("flapMaxChanges")}
                  inputMode="numeric"
                  className="tabular"
                  value={state.flapMaxChanges}
                  onChange={(e) => set("flapMaxChanges", e.target.value)}
                />
              </Field>
              <Field id={idOf("flapWindowMinutes")} label="Flap window (minutes)" error={err("flapWindowMinutes")}>
                <Input
                  {...bind("flapWindowMinutes")}
                  inputMode="numeric"
                  className="tabular"
                  value={state.flapWindowMinutes}
                  onChange={(e) => set("flapWindowMinutes", e.target.value)}
                />
              </Field>
              <Field
                id={idOf("reminderMinutes")}
                label="Remind every (minutes)"
                error={err("reminderMinutes")}
                hint="While firing and not acknowledged; 0 never"
              >
                <Input
                  {...bind("reminderMinutes")}
                  inputMode="numeric"
                  className="tabular"
                  value={state.reminderMinutes}
                  onChange={(e) => set("reminderMinutes", e.target.value)}
                />
              </Field>
              <div className="grid gap-1.5 sm:col-span-2">
                <div className="flex items-center gap-2 text-sm">
                  <Switch
                    id={idOf("muteDuringProviderIncident")}
                    checked={state.muteDuringProviderIncident}
                    onCheckedChange={(v) => set("muteDuringProviderIncident", v)}
                    aria-describedby={`${idOf("muteDuringProviderIncident")}-hint`}
                  />
                  <label htmlFor={idOf("muteDuringProviderIncident")} className="text-xs font-medium">
                    Mute while the provider reports an incident
                  </label>
                </div>
                <p id={`${idOf("muteDuringProviderIncident")}-hint`} className="text-xs text-muted-foreground">
                  When the integration&apos;s status page declares trouble, incidents still open and close but notifications are held; the timeline says why.
                </p>
              </div>
            </div>
          </details>
        </Section>

        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" type="submit" disabled={save.isPending}>
            {save.isPending ? <Loader2 className="animate-spin" /> : <Save />} {ruleId ? "Save rule" : "Create rule"}
          </Button>
          <Button asChild variant="ghost">
            <Link href="/alerts">Cancel</Link>
          </Button>
          {ruleId ? (
            <div className="ml-auto">
              <ConfirmDialog
                trigger={
                  <Button variant="ghost">
                    <Trash2 /> Delete rule
                  </Button>
                }
                title={`Delete ${initial?.name ?? "this rule"}?`}
                description="Its open incidents are resolved and it stops notifying. Past incidents stay in the history."
                confirmLabel="Delete rule"
                pending={remove.isPending}
                onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/alerts") })}
              />
            </div>
          ) : null}
        </div>
        {remove.error ? <ErrorState title="Could not delete the rule" message={remove.error.message} /> : null}
      </form>
      <div className="lg:sticky lg:top-16">
        {/* The backtest API is part of editing (editor role); a viewer sees why it is not there. */}
        <BacktestPanel
          draft={canEdit ? backtestDraft.rule : null}
          problem={canEdit ? backtestProblem : "The backtest is part of editing a rule and needs the editor role."}
          scopeIntegrations={inScope.map((i) => ({ id: i.id, name: i.name }))}
        />
      </div>
    </div>
  );
}

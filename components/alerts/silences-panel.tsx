"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BellOff, Loader2, Plus, Wrench } from "lucide-react";
import { useMemo, useState, type FormEvent } from "react";
import { alertActions, alertQueries } from "@/lib/queries/alerts";
import { integrationQueries } from "@/lib/queries/integrations";
import { ApiClientError } from "@/lib/queries/api-client";
import { formatWhen } from "@/lib/domain/format";
import type { AlertSilenceView, SilenceInput, SilenceKind } from "@/lib/alerts/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { QueryBody } from "@/components/ui/query-body";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { useNow } from "@/components/ui/relative-time";

type ScopeKind = "rule" | "integration" | "tag" | "all";

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function CreateSilence() {
  const create = useMutation(alertActions.createSilence());
  const integrations = useQuery(integrationQueries.list());
  const rules = useQuery(alertQueries.rules());
  const [open, setOpen] = useState(false);
  const fresh = () => ({
    kind: "silence" as SilenceKind,
    scope: "integration" as ScopeKind,
    ruleId: "",
    integrationId: "",
    tag: "",
    startsAt: localInput(new Date()),
    endsAt: localInput(new Date(Date.now() + 3_600_000)),
    reason: "",
  });
  const [form, setForm] = useState(fresh);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = create.error instanceof ApiClientError ? create.error.fields : {};
  const err = (k: string) => local[k] ?? server[k]?.[0];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const starts = new Date(form.startsAt);
    const ends = new Date(form.endsAt);
    if (Number.isNaN(starts.getTime())) found.startsAt = "Enter a start";
    if (Number.isNaN(ends.getTime())) found.endsAt = "Enter an end";
    else if (ends <= starts) found.endsAt = "The end must be after the start";
    if (!form.reason.trim()) found.reason = "Say why, for whoever is on call";
    if (form.scope === "rule" && !form.ruleId) found.ruleId = "Choose a rule";
    if (form.scope === "integration" && !form.integrationId) found.integrationId = "Choose an integration";
    if (form.scope === "tag" && !form.tag.trim()) found.tag = "Enter a tag";
    setLocal(found);
    if (Object.keys(found).length) return;
    const input: SilenceInput = {
      kind: form.kind,
      ruleId: form.scope === "rule" ? form.ruleId : null,
      integrationId: form.scope === "integration" ? form.integrationId : null,
      tag: form.scope === "tag" ? form.tag.trim() : null,
      startsAt: starts.toISOString(),
      endsAt: ends.toISOString(),
      reason: form.reason.trim(),
    };
    create.mutate(input, {
      onSuccess: () => {
        setOpen(false);
        setForm(fresh());
      },
    });
  };
  const setFor = (hours: number) =>
    setForm((f) => ({
      ...f,
      endsAt: localInput(new Date((Number.isNaN(Date.parse(f.startsAt)) ? Date.now() : new Date(f.startsAt).getTime()) + hours * 3_600_000)),
    }));

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setLocal({});
          create.reset();
        }
      }}
      title="New silence or maintenance window"
      description="Rules keep evaluating and incidents still open and resolve; only notifications are held back."
      trigger={
        <Button variant="primary">
          <Plus /> New silence
        </Button>
      }
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-3" aria-label="New silence">
        <div className="grid items-start gap-3 sm:grid-cols-2">
          <Field id="silence-kind" label="Kind" hint={form.kind === "maintenance" ? "Planned work; shown as maintenance" : "Mute a known problem"}>
            <Select
              id="silence-kind"
              value={form.kind}
              onValueChange={(v) => setForm({ ...form, kind: v as SilenceKind })}
              options={[
                { value: "silence", label: "Silence" },
                { value: "maintenance", label: "Maintenance window" },
              ]}
            />
          </Field>
          <Field id="silence-scope" label="Mutes">
            <Select
              id="silence-scope"
              value={form.scope}
              onValueChange={(v) => setForm({ ...form, scope: v as ScopeKind })}
              options={[
                { value: "integration", label: "One integration" },
                { value: "rule", label: "One rule" },
                { value: "tag", label: "Integrations with a tag" },
                { value: "all", label: "Everything" },
              ]}
            />
          </Field>
        </div>
        {form.scope === "integration" ? (
          <Field id="silence-integration" label="Integration" error={err("integrationId")}>
            <Select
              id="silence-integration"
              aria-label="Integration"
              value={form.integrationId}
              onValueChange={(v) => setForm({ ...form, integrationId: v })}
              options={(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
              invalid={!!err("integrationId")}
              placeholder="Select…"
            />
          </Field>
        ) : form.scope === "rule" ? (
          <Field id="silence-rule" label="Rule" error={err("ruleId")}>
            <Select
              id="silence-rule"
              aria-label="Rule"
              value={form.ruleId}
              onValueChange={(v) => setForm({ ...form, ruleId: v })}
              options={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              invalid={!!err("ruleId")}
              placeholder="Select…"
            />
          </Field>
        ) : form.scope === "tag" ? (
          <Field id="silence-tag" label="Tag" error={err("tag")}>
            <Input
              {...describedBy("silence-tag", err("tag"))}
              value={form.tag}
              onChange={(e) => setForm({ ...form, tag: e.target.value })}
              placeholder="payments"
            />
          </Field>
        ) : null}
        <div className="grid items-start gap-3 sm:grid-cols-2">
          <Field id="silence-start" label="Starts" error={err("startsAt")}>
            <Input
              {...describedBy("silence-start", err("startsAt"))}
              type="datetime-local"
              value={form.startsAt}
              onChange={(e) => setForm({ ...form, startsAt: e.target.value })}
            />
          </Field>
          <Field id="silence-end" label="Ends" error={err("endsAt")}>
            <Input
              {...describedBy("silence-end", err("endsAt"))}
              type="datetime-local"
              value={form.endsAt}
              onChange={(e) => setForm({ ...form, endsAt: e.target.value })}
            />
          </Field>
        </div>
        <div className="flex items-center gap-1 text-xs text-muted-foreground">
          Lasts
          {[1, 4, 24].map((h) => (
            <Button key={h} size="sm" variant="ghost" onClick={() => setFor(h)}>
              {h === 24 ? "1 day" : `${h} h`}
            </Button>
          ))}
        </div>
        <Field id="silence-reason" label="Reason" error={err("reason")}>
          <Input
            {...describedBy("silence-reason", err("reason"))}
            value={form.reason}
            onChange={(e) => setForm({ ...form, reason: e.target.value })}
            placeholder="Stripe incident, tracked upstream"
          />
        </Field>
        {create.error && Object.keys(server).length === 0 ? <ErrorState title="Could not create the silence" message={create.error.message} /> : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary" type="submit" disabled={create.isPending}>
            {create.isPending ? <Loader2 className="animate-spin" /> : null} Create
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SilenceRow({
  s,
  names,
  canEdit,
}: {
  s: AlertSilenceView;
  names: { rules: Map<string, string>; integrations: Map<string, string> };
  canEdit: boolean;
}) {
  const expire = useMutation(alertActions.expireSilence());
  const ended = Date.parse(s.endsAt) <= useNow();
  const scope = [
    s.ruleId ? `rule ${names.rules.get(s.ruleId) ?? "(deleted)"}` : null,
    s.integrationId ? (names.integrations.get(s.integrationId) ?? "an integration") : null,
    s.tag ? `tag ${s.tag}` : null,
  ].filter(Boolean);
  return (
    <tr data-testid="silence-row" className={`border-b last:border-0 [&>td]:px-3 [&>td]:py-2 ${ended ? "text-muted-foreground" : ""}`}>
      <td>
        <Badge tone={s.kind === "maintenance" ? "accent" : "neutral"}>
          {s.kind === "maintenance" ? <Wrench aria-hidden className="size-3" /> : <BellOff aria-hidden className="size-3" />}
          {s.kind === "maintenance" ? "Maintenance" : "Silence"}
        </Badge>
      </td>
      <td className="text-xs">{scope.length ? scope.join(" · ") : "everything"}</td>
      <td className="tabular text-xs whitespace-nowrap">
        {formatWhen(s.startsAt)} → {formatWhen(s.endsAt)}
      </td>
      <td>{s.active ? <Badge tone="warn">muting now</Badge> : ended ? <span className="text-xs">ended</span> : <Badge>scheduled</Badge>}</td>
      <td className="max-w-72 text-xs">
        {s.reason}
        {s.createdBy ? <span className="block text-muted-foreground">by {s.createdBy}</span> : null}
      </td>
      <td className="text-right">
        {canEdit && !ended ? (
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="ghost">
                {s.active ? "Expire now" : "Cancel"}
              </Button>
            }
            title={s.active ? "Expire this silence now?" : "Cancel this scheduled silence?"}
            description="It is removed, and notifications for what it covered resume at the next evaluation."
            confirmLabel={s.active ? "Expire now" : "Cancel silence"}
            pending={expire.isPending}
            onConfirm={() => expire.mutate(s.id)}
          />
        ) : null}
        {expire.error ? (
          <span role="alert" className="block text-xs text-bad-fg">
            {expire.error.message}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

export function SilencesPanel() {
  const canEdit = useCan("editor");
  const silences = useQuery(alertQueries.silences());
  const integrations = useQuery(integrationQueries.list());
  const rules = useQuery(alertQueries.rules());
  const names = useMemo(
    () => ({ rules: new Map((rules.data ?? []).map((r) => [r.id, r.name])), integrations: new Map((integrations.data ?? []).map((i) => [i.id, i.name])) }),
    [rules.data, integrations.data],
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Silences and maintenance windows</CardTitle>
        {canEdit ? <CreateSilence /> : null}
      </CardHeader>
      <QueryBody
        query={silences}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load silences"
        empty={{
          icon: <BellOff />,
          title: "Nothing is silenced",
          body: "Silence a known problem, or plan a maintenance window, so the on-call person is not paged for it. Probes keep running.",
        }}
      >
        {(data) => (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="silences-table">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>Kind</th>
                  <th>Mutes</th>
                  <th>When</th>
                  <th>State</th>
                  <th>Reason</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody>
                {[...data]
                  .sort((a, b) => Number(b.active) - Number(a.active) || Date.parse(b.endsAt) - Date.parse(a.endsAt))
                  .map((s) => (
                    <SilenceRow key={s.id} s={s} names={names} canEdit={canEdit} />
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryBody>
    </Card>
  );
}

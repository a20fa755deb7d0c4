"use client";
// Opening a status incident: what people will read (title, first update), how bad (impact), where (components).
// Promoted from an alert incident, the form arrives prefilled and keeps the link to it.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { ApiClientError } from "@/lib/queries/api-client";
import { statusIncidentActions } from "@/lib/queries/status-incidents";
import type { StatusIncidentDraft } from "@/lib/status-pages/incidents";
import type { StatusIncidentImpact, StatusIncidentStatus } from "@/lib/status-pages/incident-rules";
import { ComponentPicker } from "./component-picker";
import { IMPACT_OPTIONS, STATUS_OPTIONS, type PageComponentOption } from "./labels";

export function StatusIncidentForm({ pageId, components, draft }: { pageId: string; components: PageComponentOption[]; draft: StatusIncidentDraft }) {
  const router = useRouter();
  const [form, setForm] = useState(draft);
  const create = useMutation(statusIncidentActions.create(pageId));
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const error = (k: string) => fields[k]?.[0];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title: form.title,
        impact: form.impact,
        status: form.status,
        componentIds: form.componentIds,
        body: form.body,
        ...(form.startedAt ? { startedAt: form.startedAt } : {}),
        ...(form.alertIncidentId ? { alertIncidentId: form.alertIncidentId } : {}),
      },
      { onSuccess: (incident) => router.push(`/status-pages/${pageId}/incidents/${incident.id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Open a status incident">
      <Card>
        <CardHeader>
          <CardTitle>Incident</CardTitle>
          {form.alertIncidentId ? (
            <a href={`/incidents/${form.alertIncidentId}`} className="text-sm text-accent hover:underline">
              From an alert incident
            </a>
          ) : null}
        </CardHeader>
        <CardBody className="grid items-start gap-3 sm:grid-cols-2">
          <Field id="si-title" label="Title" className="sm:col-span-2" error={error("title")}>
            <Input
              {...describedBy("si-title", error("title"))}
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
              placeholder="Card payments are failing"
            />
          </Field>
          <Field id="si-impact" label="Impact" hint="Minor degrades, major is a partial outage, critical a major outage" error={error("impact")}>
            <Select
              id="si-impact"
              value={form.impact}
              onValueChange={(v) => setForm({ ...form, impact: v as StatusIncidentImpact })}
              options={IMPACT_OPTIONS}
            />
          </Field>
          <Field id="si-status" label="Status" error={error("status")}>
            <Select
              id="si-status"
              value={form.status}
              onValueChange={(v) => setForm({ ...form, status: v as StatusIncidentStatus })}
              options={STATUS_OPTIONS}
            />
          </Field>
          <div className="sm:col-span-2">
            <ComponentPicker
              components={components}
              value={form.componentIds}
              onChange={(ids) => setForm({ ...form, componentIds: ids })}
              error={error("componentIds")}
            />
          </div>
          <Field
            id="si-body"
            label="First update"
            className="sm:col-span-2"
            hint="Plain text, or **bold**, *emphasis*, `code`, [links](https://…) and - lists"
            error={error("body")}
          >
            <Textarea {...describedBy("si-body", error("body"))} rows={4} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
          </Field>
          <div className="flex items-center gap-3 sm:col-span-2">
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {create.isPending ? "Opening…" : "Open incident"}
            </Button>
          </div>
          {create.error && !Object.keys(fields).length ? (
            <div className="sm:col-span-2">
              <ErrorState title="Could not open the incident" message={create.error.message} />
            </div>
          ) : null}
        </CardBody>
      </Card>
    </form>
  );
}

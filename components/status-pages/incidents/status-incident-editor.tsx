"use client";
// One status incident for editors: post the next update (investigating → identified → monitoring → resolved),
// reopen a resolved one, change its impact and components, and read its timeline as the page shows it.
import { useMutation, useQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { useState, type FormEvent } from "react";
import { MarkdownBody } from "@/components/status-pages/public/markdown-body";
import { useCan } from "@/components/app-shell/viewer-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { formatWhen } from "@/lib/domain/format";
import { ApiClientError } from "@/lib/queries/api-client";
import { statusIncidentActions, statusIncidentQueries } from "@/lib/queries/status-incidents";
import {
  STATUS_INCIDENT_IMPACT_LABEL,
  STATUS_INCIDENT_STATUS_LABEL,
  type StatusIncidentImpact,
  type StatusIncidentStatus,
} from "@/lib/status-pages/incident-rules";
import type { StatusIncidentView } from "@/lib/status-pages/incidents";
import { ComponentPicker } from "./component-picker";
import { IMPACT_OPTIONS, IMPACT_TONE, STATUS_OPTIONS, type PageComponentOption } from "./labels";

const NEXT: Record<StatusIncidentStatus, StatusIncidentStatus> = {
  investigating: "identified",
  identified: "monitoring",
  monitoring: "resolved",
  resolved: "investigating",
};

function PostUpdate({ incident }: { incident: StatusIncidentView }) {
  const resolved = incident.status === "resolved";
  const [status, setStatus] = useState<StatusIncidentStatus>(NEXT[incident.status]);
  const [body, setBody] = useState("");
  const post = useMutation(statusIncidentActions.postUpdate(incident.id));
  const fields = post.error instanceof ApiClientError ? post.error.fields : {};
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate(
      { status, body, reopen: resolved },
      {
        onSuccess: (next) => {
          setBody("");
          setStatus(NEXT[next.status]);
        },
      },
    );
  };
  const options = resolved ? STATUS_OPTIONS.filter((o) => o.value !== "resolved") : STATUS_OPTIONS;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={resolved ? "Reopen the incident" : "Post an update"} className="grid gap-3">
      {resolved ? <p className="text-sm text-muted-foreground">This incident is resolved. Posting an update reopens it.</p> : null}
      <Field id="si-update-status" label="Status" error={fields.status?.[0]}>
        <Select id="si-update-status" value={status} onValueChange={(v) => setStatus(v as StatusIncidentStatus)} options={options} />
      </Field>
      <Field id="si-update-body" label="Update" hint="Plain text, or **bold**, *emphasis*, `code`, [links](https://…) and - lists" error={fields.body?.[0]}>
        <Textarea {...describedBy("si-update-body", fields.body?.[0])} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <div>
        <Button type="submit" variant="primary" disabled={post.isPending}>
          {post.isPending ? "Posting…" : resolved ? "Reopen and post" : "Post update"}
        </Button>
      </div>
      {post.error && !Object.keys(fields).length ? <ErrorState title="Could not post the update" message={post.error.message} /> : null}
    </form>
  );
}

function Details({ incident, components }: { incident: StatusIncidentView; components: PageComponentOption[] }) {
  const [impact, setImpact] = useState<StatusIncidentImpact>(incident.impact);
  const [ids, setIds] = useState(incident.componentIds);
  const update = useMutation(statusIncidentActions.update(incident.id));
  const fields = update.error instanceof ApiClientError ? update.error.fields : {};
  const changed = impact !== incident.impact || ids.join() !== incident.componentIds.join();
  return (
    <form
      noValidate
      aria-label="Impact and components"
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ impact, componentIds: ids });
      }}
    >
      <Field id="si-edit-impact" label="Impact" error={fields.impact?.[0]}>
        <Select id="si-edit-impact" value={impact} onValueChange={(v) => setImpact(v as StatusIncidentImpact)} options={IMPACT_OPTIONS} />
      </Field>
      <ComponentPicker components={components} value={ids} onChange={setIds} error={fields.componentIds?.[0]} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!changed || update.isPending}>
          Save impact and components
        </Button>
        {update.isSuccess && !changed ? <span className="text-xs text-muted-foreground">Saved</span> : null}
      </div>
      {update.error && !Object.keys(fields).length ? <ErrorState title="Could not save" message={update.error.message} /> : null}
    </form>
  );
}

export function StatusIncidentEditor({ id, slug, components }: { id: string; slug: string; components: PageComponentOption[] }) {
  const query = useQuery(statusIncidentQueries.one(id));
  const canEdit = useCan("editor");
  if (query.isPending) return <Skeleton className="h-64" />;
  if (query.error || !query.data) return <ErrorState title="Could not load the incident" message={query.error?.message} onRetry={() => query.refetch()} />;
  const incident = query.data;
  const names = new Map(components.map((c) => [c.id, c.name] as const));
  return (
    <div className="grid items-start gap-4 lg:grid-cols-[1fr_22rem]">
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2">
            <span>Timeline</span>
            <Badge tone={IMPACT_TONE[incident.impact]}>{STATUS_INCIDENT_IMPACT_LABEL[incident.impact]} impact</Badge>
            <Badge tone={incident.status === "resolved" ? "ok" : "warn"} data-testid="incident-status">
              {STATUS_INCIDENT_STATUS_LABEL[incident.status]}
            </Badge>
          </CardTitle>
          <a
            href={`/status/${slug}/incidents/${incident.id}`}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-1 text-sm text-accent hover:underline"
          >
            Public page <ExternalLink className="size-3.5" />
          </a>
        </CardHeader>
        <CardBody className="grid gap-3">
          <p className="text-xs text-muted-foreground">
            Started {formatWhen(incident.startedAt)}
            {incident.resolvedAt ? ` · resolved ${formatWhen(incident.resolvedAt)}` : ""}
            {incident.componentIds.length ? ` · affects ${incident.componentIds.map((c) => names.get(c) ?? c).join(", ")}` : " · no components"}
            {incident.alertIncidentId ? (
              <>
                {" · "}
                <a className="hover:underline" href={`/incidents/${incident.alertIncidentId}`}>
                  alert incident
                </a>
              </>
            ) : null}
          </p>
          <ol className="grid gap-3" aria-label="Updates, newest first">
            {incident.updates.map((u) => (
              <li key={u.id} className="grid gap-1 border-l-2 pl-3" data-update-status={u.status}>
                <p className="text-xs">
                  <span className="font-semibold">{STATUS_INCIDENT_STATUS_LABEL[u.status]}</span>{" "}
                  <span className="text-muted-foreground">
                    {formatWhen(u.createdAt)} · {u.author}
                  </span>
                </p>
                <MarkdownBody body={u.body} />
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
      {canEdit ? (
        <div className="grid gap-4">
          <Card>
            <CardHeader>
              <CardTitle>{incident.status === "resolved" ? "Reopen" : "Post an update"}</CardTitle>
            </CardHeader>
            <CardBody>
              <PostUpdate key={incident.status} incident={incident} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Impact and components</CardTitle>
            </CardHeader>
            <CardBody>
              <Details key={incident.updatedAt} incident={incident} components={components} />
            </CardBody>
          </Card>
        </div>
      ) : null}
    </div>
  );
}

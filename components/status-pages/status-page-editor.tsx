"use client";
// The editor of one status page: its words, who may read it, and its components in groups. A component is one
// integration, every integration with a tag, or a chosen set; its status on the page is the worst of them.
import { useMutation, useQuery } from "@tanstack/react-query";
import { ExternalLink, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { StatusPageView } from "@/lib/status-pages/pages";
import type { ComponentSource, StatusPageAccess, StatusPageDraft } from "@/lib/status-pages/page-input";
import type { IntegrationSummary } from "@/lib/integrations/types";
import { integrationQueries } from "@/lib/queries/integrations";
import { statusPageActions } from "@/lib/queries/status-pages";
import { channelQueries } from "@/lib/queries/alert-channels";
import { ApiClientError } from "@/lib/queries/api-client";
import { useCan } from "@/components/app-shell/viewer-context";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { EmbedSnippets } from "./embed-snippets";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";

type SourceKind = ComponentSource["kind"];
interface ComponentDraft {
  id?: string;
  name: string;
  kind: SourceKind;
  integrationId: string;
  tag: string;
  ids: string[];
}
interface GroupDraft {
  name: string;
  components: ComponentDraft[];
}

const blankComponent = (): ComponentDraft => ({ name: "", kind: "integration", integrationId: "", tag: "", ids: [] });

function draftOf(page: StatusPageView | undefined) {
  return {
    slug: page?.slug ?? "",
    title: page?.title ?? "",
    description: page?.description ?? "",
    logoUrl: page?.logoUrl ?? "",
    customHost: page?.customHost ?? "",
    access: (page?.access ?? "public") as StatusPageAccess,
    password: "",
    emailChannelId: page?.emailChannelId ?? NO_CHANNEL,
    groups: (page?.groups ?? [{ name: "", components: [] }]).map((g): GroupDraft => ({
      name: g.name,
      components: g.components.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.source.kind,
        integrationId: c.source.kind === "integration" ? c.source.id : "",
        tag: c.source.kind === "tag" ? c.source.tag : "",
        ids: c.source.kind === "set" ? c.source.ids : [],
      })),
    })),
  };
}

function sourceOf(c: ComponentDraft): ComponentSource {
  if (c.kind === "tag") return { kind: "tag", tag: c.tag.trim() };
  if (c.kind === "set") return { kind: "set", ids: c.ids };
  return { kind: "integration", id: c.integrationId };
}

/** Radix Select has no empty value: this stands for "no email subscriptions". */
const NO_CHANNEL = "none";

const ACCESS_OPTIONS = [
  { value: "public", label: "Public: anyone with the link" },
  { value: "password", label: "Password: whoever has it" },
  { value: "signed_in", label: "Signed in: Tether users only" },
] as const;

const SOURCE_OPTIONS = [
  { value: "integration", label: "One integration" },
  { value: "tag", label: "Every integration with a tag" },
  { value: "set", label: "A set of integrations" },
] as const;

function ComponentRow({
  gi,
  ci,
  c,
  integrations,
  error,
  onChange,
  onRemove,
}: {
  gi: number;
  ci: number;
  c: ComponentDraft;
  integrations: IntegrationSummary[];
  error: (k: string) => string | undefined;
  onChange: (c: ComponentDraft) => void;
  onRemove: () => void;
}) {
  const key = `groups.${gi}.components.${ci}`;
  const id = `sp-${gi}-${ci}`;
  return (
    <fieldset
      className="grid items-start gap-3 rounded-md border p-3 sm:grid-cols-[1fr_1fr_1.4fr_auto]"
      aria-label={`Component ${ci + 1}${c.name ? `: ${c.name}` : ""}`}
    >
      <Field id={`${id}-name`} label="Component name" error={error(`${key}.name`)}>
        <Input
          {...describedBy(`${id}-name`, error(`${key}.name`))}
          value={c.name}
          onChange={(e) => onChange({ ...c, name: e.target.value })}
          placeholder="Card payments"
        />
      </Field>
      <Field id={`${id}-kind`} label="Made of">
        <Select id={`${id}-kind`} value={c.kind} onValueChange={(v) => onChange({ ...c, kind: v as SourceKind })} options={SOURCE_OPTIONS} />
      </Field>
      {c.kind === "integration" ? (
        <Field id={`${id}-integration`} label="Integration" error={error(`${key}.source.id`) ?? error(`${key}.source`)}>
          <Select
            id={`${id}-integration`}
            value={c.integrationId}
            onValueChange={(v) => onChange({ ...c, integrationId: v, name: c.name || (integrations.find((i) => i.id === v)?.name ?? "") })}
            options={integrations.map((i) => ({ value: i.id, label: i.name }))}
            placeholder="Choose an integration"
            invalid={!!(error(`${key}.source.id`) ?? error(`${key}.source`))}
          />
        </Field>
      ) : c.kind === "tag" ? (
        <Field id={`${id}-tag`} label="Tag" hint="Integrations tagged later join too" error={error(`${key}.source.tag`)}>
          <Input
            {...describedBy(`${id}-tag`, error(`${key}.source.tag`))}
            value={c.tag}
            onChange={(e) => onChange({ ...c, tag: e.target.value })}
            list="sp-tags"
            placeholder="payments"
          />
        </Field>
      ) : (
        <fieldset className="grid gap-1">
          <legend className="text-xs font-medium">Integrations</legend>
          <div className="grid max-h-36 gap-1 overflow-auto rounded-md border p-2">
            {integrations.map((i) => (
              <label key={i.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={c.ids.includes(i.id)}
                  onChange={(e) => onChange({ ...c, ids: e.target.checked ? [...c.ids, i.id] : c.ids.filter((x) => x !== i.id) })}
                />
                {i.name}
              </label>
            ))}
          </div>
          {(error(`${key}.source.ids`) ?? error(`${key}.source`)) ? (
            <p role="alert" className="text-xs text-bad-fg">
              {error(`${key}.source.ids`) ?? error(`${key}.source`)}
            </p>
          ) : null}
        </fieldset>
      )}
      <Button variant="ghost" size="sm" className="mt-5" onClick={onRemove} aria-label={`Remove component ${c.name || ci + 1}`}>
        <Trash2 />
      </Button>
    </fieldset>
  );
}

export function StatusPageEditor({ page }: { page?: StatusPageView }) {
  const router = useRouter();
  const canEdit = useCan("editor");
  const integrations = useQuery(integrationQueries.list());
  const channels = useQuery(channelQueries.list());
  const smtpChannels = (channels.data ?? []).filter((c) => c.kind === "email");
  const create = useMutation(statusPageActions.create());
  const update = useMutation(statusPageActions.update(page?.id ?? ""));
  const remove = useMutation(statusPageActions.remove(page?.id ?? ""));
  const save = page ? update : create;
  const [form, setForm] = useState(() => draftOf(page));
  const [saved, setSaved] = useState(false);
  const serverFields = save.error instanceof ApiClientError ? save.error.fields : {};
  const error = (k: string) => serverFields[k]?.[0];
  const tags = [...new Set((integrations.data ?? []).flatMap((i) => i.tags))].sort();

  const setGroup = (gi: number, g: GroupDraft) => setForm((f) => ({ ...f, groups: f.groups.map((x, k) => (k === gi ? g : x)) }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const draft: StatusPageDraft = {
      slug: form.slug,
      title: form.title,
      description: form.description,
      logoUrl: form.logoUrl || null,
      customHost: form.customHost || null,
      access: form.access,
      emailChannelId: form.emailChannelId === NO_CHANNEL ? null : form.emailChannelId,
      ...(form.access === "password" && form.password ? { password: form.password } : {}),
      groups: form.groups
        .filter((g) => g.components.length > 0)
        .map((g) => ({ name: g.name, components: g.components.map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, source: sourceOf(c) })) })),
    };
    save.mutate(draft, {
      onSuccess: (view) => {
        setSaved(true);
        setForm((f) => ({ ...draftOf(view), password: "", groups: f.groups.length ? draftOf(view).groups : f.groups }));
        if (!page) router.push(`/status-pages/${view.id}`);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label={page ? `Edit status page ${page.title}` : "New status page"}>
      <datalist id="sp-tags">
        {tags.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <Card>
        <CardHeader>
          <CardTitle>Page</CardTitle>
          {page ? (
            <a href={`/status/${page.slug}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-sm text-accent hover:underline">
              Open /status/{page.slug} <ExternalLink className="size-3.5" />
            </a>
          ) : null}
        </CardHeader>
        <CardBody className="grid items-start gap-3 sm:grid-cols-2">
          <Field id="sp-title" label="Title" error={error("title")}>
            <Input
              {...describedBy("sp-title", error("title"))}
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.target.value })}
              placeholder="Acme status"
            />
          </Field>
          <Field id="sp-slug" label="Address" hint={`/status/${form.slug || "…"}`} error={error("slug")}>
            <Input
              {...describedBy("sp-slug", error("slug"))}
              value={form.slug}
              onChange={(e) => setForm({ ...form, slug: e.target.value })}
              placeholder="acme"
            />
          </Field>
          <Field id="sp-description" label="Description" className="sm:col-span-2" error={error("description")}>
            <Textarea
              {...describedBy("sp-description", error("description"))}
              rows={2}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          </Field>
          <Field id="sp-logo" label="Logo URL" hint="Optional; an http(s) image" error={error("logoUrl")}>
            <Input
              {...describedBy("sp-logo", error("logoUrl"))}
              value={form.logoUrl}
              onChange={(e) => setForm({ ...form, logoUrl: e.target.value })}
              placeholder="https://…/logo.svg"
            />
          </Field>
          <Field id="sp-host" label="Custom host name" hint="Optional; point its DNS at Tether and the page is served at its /" error={error("customHost")}>
            <Input
              {...describedBy("sp-host", error("customHost"))}
              value={form.customHost}
              onChange={(e) => setForm({ ...form, customHost: e.target.value })}
              placeholder="status.example.com"
            />
          </Field>
          <Field id="sp-access" label="Who may read it">
            <Select id="sp-access" value={form.access} onValueChange={(v) => setForm({ ...form, access: v as StatusPageAccess })} options={ACCESS_OPTIONS} />
          </Field>
          {form.access === "password" ? (
            <Field
              id="sp-password"
              label="Page password"
              hint={page?.hasPassword ? "Leave empty to keep the current one" : "At least 10 characters"}
              error={error("password")}
            >
              <Input
                {...describedBy("sp-password", error("password"))}
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </Field>
          ) : null}
        </CardBody>
      </Card>

      {page ? <EmbedSnippets page={page} /> : null}

      <Card>
        <CardHeader>
          <CardTitle>Subscriptions</CardTitle>
        </CardHeader>
        <CardBody className="grid items-start gap-3 sm:grid-cols-2">
          {channels.error ? (
            <ErrorState title="Could not load notification channels" message={channels.error.message} onRetry={() => channels.refetch()} />
          ) : smtpChannels.length === 0 && !channels.isPending ? (
            <p className="text-sm text-muted-foreground sm:col-span-2">
              Email subscriptions are off: no SMTP channel exists yet.{" "}
              <Link href="/alerts/channels" className="text-accent hover:underline">
                Add an Email (SMTP) channel
              </Link>{" "}
              and choose it here. RSS and Atom feeds and webhook subscriptions work without one.
            </p>
          ) : (
            <Field
              id="sp-email-channel"
              label="Send subscriber email through"
              hint="The SMTP server and sender of that channel; its own recipients are not used"
              error={error("emailChannelId")}
            >
              <Select
                id="sp-email-channel"
                value={form.emailChannelId}
                onValueChange={(v) => setForm({ ...form, emailChannelId: v })}
                options={[{ value: NO_CHANNEL, label: "None: email subscriptions off" }, ...smtpChannels.map((c) => ({ value: c.id, label: c.name }))]}
                invalid={!!error("emailChannelId")}
              />
            </Field>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Components</CardTitle>
          <Button size="sm" onClick={() => setForm((f) => ({ ...f, groups: [...f.groups, { name: "", components: [blankComponent()] }] }))}>
            <Plus /> Add group
          </Button>
        </CardHeader>
        <CardBody className="grid gap-4">
          {integrations.error ? (
            <ErrorState title="Could not load integrations" message={integrations.error.message} onRetry={() => integrations.refetch()} />
          ) : null}
          {form.groups.map((g, gi) => (
            <section key={gi} className="grid gap-2" aria-label={`Group ${gi + 1}${g.name ? `: ${g.name}` : ""}`}>
              <div className="flex items-start gap-2">
                <Field
                  id={`sp-group-${gi}`}
                  label="Group name"
                  hint="Optional"
                  className="flex-1"
                  error={error(`groups.${gi}.name`) ?? error(`groups.${gi}.components`)}
                >
                  <Input
                    {...describedBy(`sp-group-${gi}`, error(`groups.${gi}.name`))}
                    value={g.name}
                    onChange={(e) => setGroup(gi, { ...g, name: e.target.value })}
                    placeholder="Payments"
                  />
                </Field>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setForm((f) => ({ ...f, groups: f.groups.filter((_, k) => k !== gi) }))}
                  aria-label={`Remove group ${g.name || gi + 1}`}
                >
                  <Trash2 />
                </Button>
              </div>
              {g.components.map((c, ci) => (
                <ComponentRow
                  key={ci}
                  gi={gi}
                  ci={ci}
                  c={c}
                  integrations={integrations.data ?? []}
                  error={error}
                  onChange={(next) => setGroup(gi, { ...g, components: g.components.map((x, k) => (k === ci ? next : x)) })}
                  onRemove={() => setGroup(gi, { ...g, components: g.components.filter((_, k) => k !== ci) })}
                />
              ))}
              <div>
                <Button size="sm" variant="ghost" onClick={() => setGroup(gi, { ...g, components: [...g.components, blankComponent()] })}>
                  <Plus /> Add component
                </Button>
              </div>
            </section>
          ))}
          {form.groups.length === 0 ? <p className="text-sm text-muted-foreground">No groups yet: add one to show components.</p> : null}
        </CardBody>
      </Card>

      {save.error && !Object.keys(serverFields).length ? <ErrorState title="Could not save the page" message={save.error.message} /> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={!canEdit || save.isPending}>
          {page ? "Save page" : "Create page"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-muted-foreground">
            Saved.
          </p>
        ) : null}
        {page && canEdit ? (
          <div className="ml-auto">
            <ConfirmDialog
              trigger={
                <Button variant="danger">
                  <Trash2 /> Delete page
                </Button>
              }
              title={`Delete ${page.title}?`}
              description={`/status/${page.slug} stops answering at once; the integrations are not touched.`}
              confirmLabel="Delete page"
              pending={remove.isPending}
              onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/status-pages") })}
            />
          </div>
        ) : null}
      </div>
    </form>
  );
}

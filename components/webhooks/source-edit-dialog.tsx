"use client";
import { ManagedWarning } from "@/components/ui/managed-badge";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, Pencil } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { integrationQueries } from "@/lib/queries/integrations";
import { webhookActions } from "@/lib/queries/webhooks";
import type { SourceView } from "@/lib/webhooks/sources";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { configPlaceholder, parseConfigText, SCHEMES, schemeInfo } from "./schemes";

type Form = { name: string; integrationId: string; scheme: string; schemeConfig: string; forwardUrl: string; maxAttempts: string; maxBodyKiB: string };

const formOf = (s: SourceView): Form => ({
  name: s.name,
  integrationId: s.integrationId ?? "none",
  scheme: s.scheme,
  schemeConfig: JSON.stringify(s.schemeConfig, null, 2),
  forwardUrl: s.forwardUrl ?? "",
  maxAttempts: String(s.maxAttempts),
  maxBodyKiB: String(s.maxBodyBytes / 1024),
});

/** Edits a source's settings; its URL (slug) and signing secret are changed elsewhere (the secret by rotation). */
export function SourceEditDialog({ source }: { source: SourceView }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(() => formOf(source));
  const [configError, setConfigError] = useState<string | undefined>();
  const integrations = useQuery({ ...integrationQueries.list(), enabled: open });
  const save = useMutation(webhookActions.updateSource(source.id));
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const schemeConfigError = configError ?? Object.entries(fields).find(([k]) => k.startsWith("schemeConfig"))?.[1][0];
  const onOpenChange = (next: boolean) => {
    if (next) {
      setForm(formOf(source));
      setConfigError(undefined);
      save.reset();
    }
    setOpen(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const config = parseConfigText(form.schemeConfig);
    setConfigError(config === undefined ? "Not valid JSON" : undefined);
    if (config === undefined) return;
    save.mutate(
      {
        name: form.name,
        integrationId: form.integrationId === "none" ? null : form.integrationId,
        scheme: form.scheme,
        schemeConfig: config,
        forwardUrl: form.forwardUrl.trim() || null,
        maxAttempts: Number(form.maxAttempts),
        maxBodyBytes: Math.round(Number(form.maxBodyKiB) * 1024),
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  const schemeSecret = schemeInfo(form.scheme)?.secret;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Edit ${source.name}`}
      description={
        <>
          Address <span className="font-mono">/api/webhooks/in/{source.slug}</span> stays the same. The receiver uses the new settings at once.
        </>
      }
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Edit ${source.name}`}>
          <Pencil /> Edit
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="grid gap-3" aria-label={`Edit webhook source ${source.name}`}>
        <ManagedWarning managedBy={source.managedBy} />
        <Field id="edit-name" label="Name" error={fields.name?.[0]}>
          <Input {...describedBy("edit-name", fields.name?.[0])} value={form.name} onChange={(e) => set("name", e.target.value)} />
        </Field>
        <Field id="edit-integration" label="Integration" error={fields.integrationId?.[0]} hint="Its health page shows this source's traffic">
          <Select
            id="edit-integration"
            value={form.integrationId}
            onValueChange={(v) => set("integrationId", v)}
            options={[
              { value: "none", label: "None" },
              ...(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name })),
              ...(form.integrationId !== "none" && !integrations.data?.some((i) => i.id === form.integrationId)
                ? [{ value: form.integrationId, label: "Linked integration" }]
                : []),
            ]}
          />
        </Field>
        <Field
          id="edit-scheme"
          label="Verification"
          error={fields.scheme?.[0]}
          hint={schemeSecret ? `${schemeSecret.label}: ${schemeSecret.hint}. A new scheme may need it set again with Rotate secret` : undefined}
        >
          <Select
            id="edit-scheme"
            value={form.scheme}
            onValueChange={(v) => setForm((f) => ({ ...f, scheme: v, schemeConfig: v === source.scheme ? JSON.stringify(source.schemeConfig, null, 2) : "" }))}
            options={SCHEMES}
          />
        </Field>
        <Field id="edit-scheme-config" label="Verification settings (JSON)" error={schemeConfigError} hint="Empty {} uses the scheme's defaults">
          <Textarea
            {...describedBy("edit-scheme-config", schemeConfigError)}
            value={form.schemeConfig}
            onChange={(e) => set("schemeConfig", e.target.value)}
            placeholder={configPlaceholder(form.scheme)}
            rows={4}
            spellCheck={false}
          />
        </Field>
        <Field id="edit-forward" label="Relay to (optional)" error={fields.forwardUrl?.[0]}>
          <Input
            {...describedBy("edit-forward", fields.forwardUrl?.[0])}
            value={form.forwardUrl}
            onChange={(e) => set("forwardUrl", e.target.value)}
            placeholder="https://internal.example.com/hooks"
            className="font-mono text-xs"
          />
        </Field>
        <Field
          id="edit-attempts"
          label="Relay attempts"
          error={fields.maxAttempts?.[0]}
          hint="1 to 8: the first, then retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; then the event is dead-lettered"
        >
          <Input
            {...describedBy("edit-attempts", fields.maxAttempts?.[0])}
            inputMode="numeric"
            value={form.maxAttempts}
            onChange={(e) => set("maxAttempts", e.target.value)}
            className="w-32"
          />
        </Field>
        <Field id="edit-max" label="Body limit (KiB)" error={fields.maxBodyBytes?.[0]} hint="1 to 10,240 KiB; a larger delivery is refused with 413">
          <Input
            {...describedBy("edit-max", fields.maxBodyBytes?.[0])}
            inputMode="numeric"
            value={form.maxBodyKiB}
            onChange={(e) => set("maxBodyKiB", e.target.value)}
            className="w-32"
          />
        </Field>
        {save.error && Object.keys(fields).length === 0 ? <ErrorState title="Could not save" message={save.error.message} /> : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary" type="submit" disabled={save.isPending}>
            {save.isPending ? <Loader2 className="animate-spin" /> : null} Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

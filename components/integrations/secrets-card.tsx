"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { KeyRound, Loader2, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { integrationActions, integrationQueries } from "@/lib/queries/integrations";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { RelativeTime } from "@/components/ui/relative-time";

/** Secrets are write-only: this card shows names and dates, and sends values that never come back. */
export function SecretsCard({ integrationId }: { integrationId: string }) {
  const canEdit = useCan("editor");
  const { data, error } = useQuery(integrationQueries.secrets(integrationId));
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const save = useMutation(integrationActions.saveSecret(integrationId));
  const remove = useMutation(integrationActions.removeSecret(integrationId));
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const nameError =
    fields._?.[0] ?? (save.error instanceof ApiClientError && save.error.code === "validation_failed" && !fields.value ? save.error.message : undefined);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { name, value },
      {
        onSuccess: () => {
          setName("");
          setValue("");
        },
      },
    );
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Secrets</CardTitle>
        <KeyRound className="size-4 text-muted-foreground" aria-hidden />
      </CardHeader>
      <CardBody className="grid gap-3">
        <p className="text-xs text-muted-foreground">
          Encrypted at rest and never shown again. Use <code className="rounded bg-muted px-1 font-mono">{"{{secret.NAME}}"}</code> in the URL, a header or the
          body.
        </p>
        {error ? <ErrorState title="Could not load secrets" message={error.message} /> : null}
        {data && data.length > 0 ? (
          <ul className="grid gap-1.5" data-testid="secrets-list">
            {data.map((s) => (
              <li key={s.name} className="flex items-center gap-2 text-xs">
                <span className="font-mono font-medium">{s.name}</span>
                <span className="text-muted-foreground">
                  set <RelativeTime iso={s.updatedAt} />
                </span>
                {canEdit ? (
                  <span className="ml-auto flex gap-1">
                    <Button size="sm" variant="ghost" onClick={() => setName(s.name)}>
                      Replace
                    </Button>
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="ghost" aria-label={`Delete secret ${s.name}`}>
                          <Trash2 />
                        </Button>
                      }
                      title={`Delete ${s.name}?`}
                      description="Probes that reference it will fail with a config error until it is set again."
                      confirmLabel="Delete secret"
                      pending={remove.isPending}
                      onConfirm={() => remove.mutate(s.name)}
                    />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : data ? (
          <p className="text-xs text-muted-foreground">No secrets on this integration.</p>
        ) : null}
        {canEdit ? (
          <form onSubmit={onSubmit} className="grid gap-2 border-t pt-3" aria-label="Set a secret">
            <Field id="secret-name" label="Name" error={nameError}>
              <Input
                {...describedBy("secret-name", nameError)}
                value={name}
                onChange={(e) => setName(e.target.value.toUpperCase())}
                placeholder="API_KEY"
                className="font-mono text-xs"
              />
            </Field>
            <Field id="secret-value" label="Value" error={fields.value?.[0]}>
              <Input
                {...describedBy("secret-value", fields.value?.[0])}
                type="password"
                autoComplete="off"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            </Field>
            {save.error && !nameError && !fields.value ? <ErrorState title="Could not save the secret" message={save.error.message} /> : null}
            <Button type="submit" size="sm" disabled={save.isPending || !name || !value}>
              {save.isPending ? <Loader2 className="animate-spin" /> : null} Save secret
            </Button>
          </form>
        ) : null}
      </CardBody>
    </Card>
  );
}

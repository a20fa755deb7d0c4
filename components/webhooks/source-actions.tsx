"use client";
import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { webhookActions } from "@/lib/queries/webhooks";
import type { SourceView } from "@/lib/webhooks/sources";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/ui/switch";
import { useCan } from "@/components/app-shell/viewer-context";
import { SourceEditDialog } from "./source-edit-dialog";

/** A source row's controls: enable switch and edit for editors, delete (with its events) for admins. */
export function SourceActions({ source }: { source: SourceView }) {
  const canEdit = useCan("editor");
  const isAdmin = useCan("admin");
  const toggle = useMutation(webhookActions.setSourceEnabled(source.id));
  const remove = useMutation(webhookActions.removeSource(source.id));
  if (!canEdit) return null;
  return (
    <div className="ml-auto flex items-center gap-1">
      <label className="mr-1 flex items-center gap-1.5 text-xs text-muted-foreground">
        <Switch
          checked={toggle.isPending ? toggle.variables : source.enabled}
          onCheckedChange={(v) => toggle.mutate(v)}
          disabled={toggle.isPending}
          aria-label={`${source.name} enabled`}
        />
        {source.enabled ? "Enabled" : "Disabled"}
      </label>
      <SourceEditDialog source={source} />
      {isAdmin ? (
        <ConfirmDialog
          title={`Delete ${source.name}?`}
          description={
            <>
              Deliveries to <span className="font-mono">/api/webhooks/in/{source.slug}</span> will get 404, and every event it received is deleted with it, with
              its delivery history. To stop receiving but keep the events, disable it instead.
            </>
          }
          confirmLabel="Delete source and events"
          onConfirm={() => remove.mutate()}
          pending={remove.isPending}
          trigger={
            <Button size="sm" variant="ghost" aria-label={`Delete ${source.name}`}>
              <Trash2 />
            </Button>
          }
        />
      ) : null}
      {toggle.error || remove.error ? (
        <span role="alert" className="text-xs text-bad-fg">
          {(toggle.error ?? remove.error)?.message}
        </span>
      ) : null}
    </div>
  );
}

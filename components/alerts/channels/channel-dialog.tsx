"use client";
import { ManagedWarning } from "@/components/ui/managed-badge";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { useMutation } from "@tanstack/react-query";
import { Check, Copy, Loader2, X } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { CHANNEL_INFO, CHANNEL_KINDS, type ChannelKind } from "@/lib/alerts/channels/kinds";
import { channelConfigFromRaw, channelFieldErrors, rawFromChannelConfig, type RawChannelConfig } from "@/lib/alerts/channels/channel-form";
import type { ChannelFieldSpec } from "@/lib/alerts/channels/shared/info";
import { ApiClientError } from "@/lib/queries/api-client";
import { channelActions, type ChannelView, type CreatedChannel } from "@/lib/queries/alert-channels";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { Switch } from "@/components/ui/switch";
import { ChannelKindIcon } from "./kind-icon";

const KIND_OPTIONS = CHANNEL_KINDS.map((k) => ({ value: k, label: CHANNEL_INFO[k].label }));

function ConfigField({
  spec,
  value,
  onChange,
  error,
  secretSet,
}: {
  spec: ChannelFieldSpec;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  secretSet?: boolean;
}) {
  const id = `ch-${spec.key}`;
  const hint = secretSet ? "Set. Leave blank to keep it; type a new value to replace it." : spec.hint;
  if (spec.type === "select") {
    return (
      <Field id={id} label={spec.label} error={error} hint={hint}>
        <Select id={id} value={value} onValueChange={onChange} options={spec.options ?? []} invalid={!!error} />
      </Field>
    );
  }
  if (spec.type === "lines") {
    return (
      <Field id={id} label={spec.label} error={error} hint={hint}>
        <Textarea {...describedBy(id, error)} value={value} onChange={(e) => onChange(e.target.value)} placeholder={spec.placeholder} className="min-h-16" />
      </Field>
    );
  }
  return (
    <Field id={id} label={spec.label} error={error} hint={hint}>
      <Input
        {...describedBy(id, error)}
        type={spec.type === "password" ? "password" : spec.type === "number" ? "number" : "text"}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={secretSet ? "•••••••• (unchanged)" : spec.placeholder}
        className={spec.type === "text" || spec.type === "password" ? "font-mono text-xs" : undefined}
      />
    </Field>
  );
}

/** A generated signing secret, shown once with a copy button. */
function RevealedSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-3" data-testid="generated-secret">
      <p className="text-sm">
        The channel is saved. This is its signing secret: give it to the receiver to verify the <span className="font-mono text-xs">webhook-signature</span>{" "}
        header. It is not shown again.
      </p>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 rounded bg-muted px-2 py-1.5 font-mono text-xs break-all select-all">{secret}</code>
        <Button
          size="icon"
          aria-label="Copy the secret"
          onClick={() => {
            void navigator.clipboard?.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? <Check /> : <Copy />}
        </Button>
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

/** Create (no `channel`) or edit a channel. Secret fields start blank; blank keeps the stored value. */
export function ChannelDialog({ channel, trigger }: { channel?: ChannelView; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? "slack");
  const [name, setName] = useState(channel?.name ?? "");
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [raw, setRaw] = useState<RawChannelConfig>(() => rawFromChannelConfig(channel?.kind ?? "slack", channel?.config));
  const [revealed, setRevealed] = useState<string | null>(null);

  const reset = () => {
    setKind(channel?.kind ?? "slack");
    setName(channel?.name ?? "");
    setEnabled(channel?.enabled ?? true);
    setRaw(rawFromChannelConfig(channel?.kind ?? "slack", channel?.config));
    setRevealed(null);
    save.reset();
  };
  const save = useMutation(channelActions.save(channel?.id));
  const errors = save.error instanceof ApiClientError ? channelFieldErrors(save.error.fields) : {};
  const info = CHANNEL_INFO[kind];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name, enabled, config: channelConfigFromRaw(kind, raw) };
    save.mutate(channel ? body : { ...body, kind }, {
      onSuccess: (saved) => {
        const secret = (saved as CreatedChannel).generatedSecrets?.secret;
        if (secret) setRevealed(secret);
        else setOpen(false);
      },
    });
  };

  return (
    <DialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
    >
      <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px]" />
        <DialogPrimitive.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(94vw,32rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border bg-card p-5 shadow-xl">
          <div className="mb-4 flex items-start justify-between gap-3">
            <div>
              <DialogPrimitive.Title className="text-base font-semibold">{channel ? `Edit ${channel.name}` : "New channel"}</DialogPrimitive.Title>
              <DialogPrimitive.Description className="mt-0.5 text-sm text-muted-foreground">{info.description}</DialogPrimitive.Description>
            </div>
            <DialogPrimitive.Close asChild>
              <Button size="icon" variant="ghost" aria-label="Close">
                <X />
              </Button>
            </DialogPrimitive.Close>
          </div>
          {revealed ? (
            <RevealedSecret secret={revealed} onDone={() => setOpen(false)} />
          ) : (
            <form onSubmit={onSubmit} className="grid gap-3" aria-label={channel ? "Edit channel" : "New channel"} noValidate>
              <ManagedWarning managedBy={channel?.managedBy} />
              {channel ? (
                <div className="flex items-center gap-2 text-sm">
                  <ChannelKindIcon kind={kind} /> {info.label}
                </div>
              ) : (
                <Field id="ch-kind" label="Kind" error={errors.kind}>
                  <Select
                    id="ch-kind"
                    value={kind}
                    onValueChange={(v) => {
                      setKind(v as ChannelKind);
                      setRaw(rawFromChannelConfig(v as ChannelKind, undefined));
                      save.reset();
                    }}
                    options={KIND_OPTIONS}
                  />
                </Field>
              )}
              <Field id="ch-name" label="Name" error={errors.name}>
                <Input {...describedBy("ch-name", errors.name)} value={name} onChange={(e) => setName(e.target.value)} placeholder="#ops-alerts" />
              </Field>
              {info.fields.map((spec) => (
                <ConfigField
                  key={`${kind}-${spec.key}`}
                  spec={spec}
                  value={raw[spec.key] ?? ""}
                  onChange={(v) => setRaw((r) => ({ ...r, [spec.key]: v }))}
                  error={errors[spec.key]}
                  secretSet={channel?.secrets[spec.key]}
                />
              ))}
              <label className="flex items-center gap-2 text-sm">
                <Switch checked={enabled} onCheckedChange={setEnabled} aria-label="Enabled" /> Enabled
              </label>
              {save.error && Object.keys(errors).length === 0 ? <ErrorState title="Could not save the channel" message={save.error.message} /> : null}
              <div className="mt-1 flex justify-end gap-2">
                <DialogPrimitive.Close asChild>
                  <Button>Cancel</Button>
                </DialogPrimitive.Close>
                <Button variant="primary" type="submit" disabled={save.isPending}>
                  {save.isPending ? <Loader2 className="animate-spin" /> : null} {channel ? "Save" : "Create channel"}
                </Button>
              </div>
            </form>
          )}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

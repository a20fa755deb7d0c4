"use client";
import { useMutation } from "@tanstack/react-query";
import { FilePenLine, Loader2, Send } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { webhookActions } from "@/lib/queries/webhooks";
import type { EventDetail } from "@/lib/webhooks/events";
import { formatHeaderLines, parseHeaderLines } from "@/lib/webhooks/header-lines";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { ErrorState } from "@/components/ui/state";

/** Admins: edit an event's headers and body and forward that copy; the stored event is left as received. */
export function EditedReplayDialog({ event }: { event: EventDetail }) {
  const [open, setOpen] = useState(false);
  const [headersText, setHeadersText] = useState(() => formatHeaderLines(event.headers));
  const [body, setBody] = useState(event.body);
  const [headerError, setHeaderError] = useState<string | undefined>();
  const send = useMutation(webhookActions.replayEdited(event));
  const fields = send.error instanceof ApiClientError ? send.error.fields : {};
  const headerFieldError = headerError ?? Object.entries(fields).find(([k]) => k.startsWith("headers"))?.[1][0];
  const onOpenChange = (next: boolean) => {
    if (next) {
      // Each opening starts again from the event as received.
      setHeadersText(formatHeaderLines(event.headers));
      setBody(event.body);
      setHeaderError(undefined);
      send.reset();
    }
    setOpen(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseHeaderLines(headersText);
    setHeaderError(parsed.ok ? undefined : parsed.error);
    if (parsed.ok) send.mutate({ headers: parsed.headers, body }, { onSuccess: () => setOpen(false) });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      className="w-[min(94vw,44rem)]"
      title="Edit and replay"
      description={
        <>
          Sends this copy to {event.forwardUrl ? <span className="font-mono">{new URL(event.forwardUrl).host}</span> : "the relay target"} now. The stored event
          stays exactly as received; the attempt is recorded with what was sent.
        </>
      }
      trigger={
        <Button disabled={!event.forwardUrl} title={event.forwardUrl ? undefined : "This source has no relay target"}>
          <FilePenLine /> Edit and replay
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="grid gap-3" aria-label="Edited replay">
        <Field id="replay-headers" label="Headers" error={headerFieldError} hint='One "Name: value" a line'>
          <Textarea
            {...describedBy("replay-headers", headerFieldError)}
            value={headersText}
            onChange={(e) => setHeadersText(e.target.value)}
            rows={6}
            spellCheck={false}
          />
        </Field>
        <Field id="replay-body" label={event.bodyEncoding === "base64" ? "Body (base64: the payload is not UTF-8 text)" : "Body"} error={fields.body?.[0]}>
          <Textarea {...describedBy("replay-body", fields.body?.[0])} value={body} onChange={(e) => setBody(e.target.value)} rows={14} spellCheck={false} />
        </Field>
        {send.error && Object.keys(fields).length === 0 ? <ErrorState title="Could not replay" message={send.error.message} /> : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary" type="submit" disabled={send.isPending}>
            {send.isPending ? <Loader2 className="animate-spin" /> : <Send />} Send edited copy
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

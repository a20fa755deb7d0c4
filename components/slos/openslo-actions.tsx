"use client";
import { useMutation } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { useState, type ChangeEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { openSloExportUrl, sloActions } from "@/lib/queries/slos";
import type { ImportProblem } from "@/lib/slo/openslo/import";
import { problemLocation } from "@/lib/slo/openslo/problem-location";
import type { ImportPreview } from "@/lib/slo/openslo/openslo-service";
import { SLO_WINDOW_LABELS } from "@/lib/slo/slo";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { ErrorState } from "@/components/ui/state";

const problemsOf = (e: unknown): ImportProblem[] =>
  e instanceof ApiClientError ? ((e.details as { problems?: ImportProblem[] } | undefined)?.problems ?? []) : [];

const where = problemLocation;

function Preview({ preview }: { preview: ImportPreview }) {
  return (
    <ul className="grid gap-2" aria-label={preview.dryRun ? "SLOs to create" : "SLOs created"} data-testid="openslo-preview">
      {preview.items.map((i) => (
        <li key={i.document} className="rounded-md border px-3 py-2 text-sm">
          <div className="font-medium">{i.slo.name}</div>
          <div className="text-xs text-muted-foreground">
            {i.slo.objectivePct}% {i.slo.sli.kind === "latency" ? `of runs under ${i.slo.sli.thresholdMs} ms` : "availability"} over{" "}
            {SLO_WINDOW_LABELS[i.slo.window].toLowerCase()} · {i.covers}
            {i.slo.slaPct !== null ? ` · contracted SLA ${i.slo.slaPct}%` : ""}
          </div>
          {i.warnings.map((w) => (
            <p key={w} className="mt-1 text-xs text-warn-fg">
              {w}
            </p>
          ))}
        </li>
      ))}
      {preview.skipped.length ? (
        <li className="text-xs text-muted-foreground">
          Skipped {preview.skipped.map((s) => `document ${s.document} (${s.kind})`).join(", ")}: only kind SLO is imported.
        </li>
      ) : null}
    </ul>
  );
}

function ImportDialog() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<ImportPreview | null>(null);
  const run = useMutation(sloActions.importOpenSlo());
  const problems = problemsOf(run.error);

  const reset = (next: string) => {
    setText(next);
    setPreview(null);
    setDone(null);
    run.reset();
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) reset(await file.text());
  };
  const submit = (dryRun: boolean) => run.mutate({ yaml: text, dryRun }, { onSuccess: (r) => (r.dryRun ? setPreview(r) : (setDone(r), setPreview(null))) });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset("");
      }}
      trigger={
        <Button>
          <Upload /> Import
        </Button>
      }
      title="Import OpenSLO"
      description="Paste or choose OpenSLO v1 YAML (kind SLO). Integrations are matched by name. Nothing is created until you confirm the preview."
      className="w-[min(94vw,40rem)]"
    >
      {done ? (
        <div className="grid gap-3">
          <p role="status" className="text-sm text-ok-fg">
            Imported {done.items.length} SLO{done.items.length === 1 ? "" : "s"}.
          </p>
          <Preview preview={done} />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button variant="primary">Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <div className="grid gap-3">
          <label className="grid gap-1 text-xs font-medium" htmlFor="openslo-file">
            File
            <input id="openslo-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={onFile} className="text-sm" />
          </label>
          <label className="grid gap-1 text-xs font-medium" htmlFor="openslo-yaml">
            OpenSLO YAML
            <Textarea
              id="openslo-yaml"
              value={text}
              onChange={(e) => reset(e.target.value)}
              rows={10}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder={"apiVersion: openslo/v1\nkind: SLO\n…"}
              aria-invalid={problems.length > 0 || undefined}
              aria-describedby={problems.length ? "openslo-problems" : undefined}
            />
          </label>
          {problems.length ? (
            <div id="openslo-problems" role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad-fg">
              <p className="font-medium">{run.error?.message}</p>
              <ul className="mt-1 list-disc pl-5 text-xs">
                {problems.map((p, i) => (
                  <li key={i}>
                    {where(p) ? <span className="tabular">{where(p)}: </span> : null}
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : run.error ? (
            <ErrorState title="Could not import" message={run.error.message} />
          ) : null}
          {preview ? <Preview preview={preview} /> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            {preview ? (
              <Button variant="primary" disabled={run.isPending} onClick={() => submit(false)}>
                {run.isPending ? "Importing…" : `Import ${preview.items.length} SLO${preview.items.length === 1 ? "" : "s"}`}
              </Button>
            ) : (
              <Button variant="primary" disabled={run.isPending || !text.trim()} onClick={() => submit(true)}>
                {run.isPending ? "Checking…" : "Preview"}
              </Button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Export every SLO as OpenSLO YAML; editors also import. */
export function OpenSloActions({ canImport }: { canImport: boolean }) {
  return (
    <>
      <Button asChild>
        <a href={openSloExportUrl()} download>
          <Download /> Export OpenSLO
        </a>
      </Button>
      {canImport ? <ImportDialog /> : null}
    </>
  );
}

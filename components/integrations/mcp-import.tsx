"use client";
// Import MCP servers from the client configs people already have: paste or drop one or more files, preview what
// Tether found (client, transport, what each needs, the secrets to fill), tick the servers, fill their secrets and
// import. Parse errors show with their line and column; a broken file does not stop the others.
import { useMutation } from "@tanstack/react-query";
import { CheckCircle2, FileUp, Loader2, Plus, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState, type DragEvent } from "react";
import { cn } from "@/lib/cn";
import type { ImportPreviewView, MonitoredServer } from "@/lib/mcp/import/import-service";
import { importRequestOf, initialChoices, type ImportChoices } from "@/lib/mcp/import/selection";
import type { ApiClientError } from "@/lib/queries/api-client";
import { mcpImportActions } from "@/lib/queries/mcp-import";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { EmptyState, ErrorState } from "@/components/ui/state";

interface DraftFile {
  id: number;
  name: string;
  content: string;
}

const CLIENT_LABELS: Record<string, string> = {
  "claude-desktop": "Claude Desktop",
  "claude-code": "Claude Code",
  vscode: "VS Code",
  cursor: "Cursor",
  windsurf: "Windsurf",
  zed: "Zed",
  continue: "Continue",
  gemini: "Gemini CLI",
  codex: "Codex",
};
const TRANSPORT_LABELS = { stdio: "stdio", http: "Streamable HTTP", sse: "HTTP+SSE (legacy)" } as const;
const ACCEPT = ".json,.jsonc,.yaml,.yml,.toml";

let nextId = 1;
const newFile = (name = "", content = ""): DraftFile => ({ id: nextId++, name, content });

function targetText(s: MonitoredServer): string {
  if (!s.target) return "—";
  return s.target.transport === "stdio" ? [s.target.command, ...s.target.args].join(" ") : s.target.url;
}

export function McpImport() {
  const [files, setFiles] = useState<DraftFile[]>(() => [newFile()]);
  const [dragging, setDragging] = useState(false);
  const [choices, setChoices] = useState<ImportChoices>({ chosen: {}, secrets: {} });
  const upload = useRef<HTMLInputElement>(null);
  const uploadId = useId();
  const preview = useMutation(mcpImportActions.preview());
  const run = useMutation(mcpImportActions.import());

  const requestFiles = () => files.filter((f) => f.content.trim()).map((f, i) => ({ name: f.name.trim() || `pasted-${i + 1}.json`, content: f.content }));

  // Any edit to the files makes the preview stale: it is cleared rather than shown for other text.
  const editFiles = (next: DraftFile[]) => {
    setFiles(next);
    preview.reset();
    run.reset();
  };

  async function addFromDisk(list: FileList | null) {
    if (!list?.length) return;
    const read = await Promise.all([...list].map(async (f) => newFile(f.name, await f.text())));
    const kept = files.filter((f) => f.content.trim() || f.name.trim());
    editFiles([...kept, ...read]);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void addFromDisk(e.dataTransfer.files);
  }

  function onPreview() {
    run.reset();
    preview.mutate(
      { files: requestFiles() },
      {
        onSuccess: (data) => setChoices(initialChoices(data)),
      },
    );
  }

  const data = preview.data;
  const chosenCount = data ? data.servers.filter((s) => s.importable && choices.chosen[s.key]).length : 0;
  const nothingPasted = requestFiles().length === 0;

  return (
    <div className="grid gap-4">
      <Card
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(dragging && "border-accent ring-2 ring-accent/30")}
        data-testid="mcp-import-files"
      >
        <CardHeader>
          <CardTitle>Config files</CardTitle>
          <div className="flex gap-2">
            <input
              ref={upload}
              id={uploadId}
              type="file"
              multiple
              accept={ACCEPT}
              className="sr-only"
              aria-label="Upload config files"
              onChange={(e) => {
                void addFromDisk(e.target.files);
                e.target.value = "";
              }}
            />
            <Button size="sm" onClick={() => upload.current?.click()}>
              <Upload /> Upload files
            </Button>
            <Button size="sm" onClick={() => editFiles([...files, newFile()])}>
              <Plus /> Add another file
            </Button>
          </div>
        </CardHeader>
        <CardBody className="grid gap-4">
          <p className="text-sm text-muted-foreground">
            Paste or drop the MCP config of Claude Desktop, Claude Code, VS Code, Cursor, Windsurf, Zed, Continue, Gemini CLI or Codex. Give the file&apos;s
            name or path when you know it (e.g. <code className="font-mono text-xs">.vscode/mcp.json</code>); otherwise Tether tells the client by the
            file&apos;s shape.
          </p>
          {files.map((f, i) => (
            <div key={f.id} className="grid gap-2 rounded-md border p-3">
              <div className="flex items-end gap-2">
                <Field id={`mcp-file-name-${f.id}`} label={`File ${i + 1} name`} className="flex-1">
                  <Input
                    id={`mcp-file-name-${f.id}`}
                    value={f.name}
                    placeholder="claude_desktop_config.json"
                    onChange={(e) => editFiles(files.map((x) => (x.id === f.id ? { ...x, name: e.target.value } : x)))}
                  />
                </Field>
                {files.length > 1 ? (
                  <Button size="icon" variant="ghost" aria-label={`Remove file ${i + 1}`} onClick={() => editFiles(files.filter((x) => x.id !== f.id))}>
                    <Trash2 />
                  </Button>
                ) : null}
              </div>
              <Field id={`mcp-file-content-${f.id}`} label={`File ${i + 1} content`}>
                <Textarea
                  id={`mcp-file-content-${f.id}`}
                  value={f.content}
                  rows={8}
                  spellCheck={false}
                  placeholder={'{\n  "mcpServers": {\n    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }\n  }\n}'}
                  onChange={(e) => editFiles(files.map((x) => (x.id === f.id ? { ...x, content: e.target.value } : x)))}
                />
              </Field>
            </div>
          ))}
          <div className="flex items-center gap-3">
            <Button variant="primary" onClick={onPreview} disabled={nothingPasted || preview.isPending}>
              {preview.isPending ? <Loader2 className="animate-spin" /> : <FileUp />} Preview import
            </Button>
            <span className="text-xs text-muted-foreground">Nothing is saved until you import. Drag and drop files anywhere on this card.</span>
          </div>
        </CardBody>
      </Card>

      {preview.error ? <ErrorState title="Could not read the files" message={messageOf(preview.error as ApiClientError)} onRetry={onPreview} /> : null}
      {preview.isPending ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" aria-live="polite">
          <Loader2 className="size-4 animate-spin" /> Reading the files…
        </p>
      ) : null}
      {data ? (
        <PreviewCard
          data={data}
          choices={choices}
          setChoices={setChoices}
          chosenCount={chosenCount}
          importing={run.isPending}
          onImport={() => run.mutate(importRequestOf(requestFiles(), data, choices))}
          error={run.error as ApiClientError | null}
        />
      ) : null}
      {run.data ? <ResultCard result={run.data} /> : null}
    </div>
  );
}

function messageOf(err: ApiClientError): string {
  const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `${k}: ${v.join(", ")}`);
  return [err.message, ...fields].join(" · ");
}

function PreviewCard({
  data,
  choices,
  setChoices,
  chosenCount,
  importing,
  onImport,
  error,
}: {
  data: ImportPreviewView;
  choices: ImportChoices;
  setChoices: (c: ImportChoices) => void;
  chosenCount: number;
  importing: boolean;
  onImport: () => void;
  error: ApiClientError | null;
}) {
  const broken = data.files.filter((f) => f.error || f.problems.length);
  return (
    <Card data-testid="mcp-import-preview">
      <CardHeader>
        <CardTitle>Found {data.servers.length === 1 ? "1 server" : `${data.servers.length} servers`}</CardTitle>
        <span className="text-xs text-muted-foreground">
          {data.files.map((f) => `${f.name}${f.client ? ` (${CLIENT_LABELS[f.client]})` : ""}`).join(" · ")}
        </span>
      </CardHeader>
      <CardBody className="grid gap-4">
        {broken.length ? (
          <div role="alert">
            <ul className="grid gap-1.5" aria-label="Problems with the files">
              {broken.map((f) => (
                <li key={f.name} className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm" data-testid="mcp-file-error">
                  <span className="font-mono text-xs">
                    {f.name}
                    {f.error?.line ? `:${f.error.line}:${f.error.column}` : ""}
                  </span>{" "}
                  {f.error?.message ?? f.problems.map((p) => p.message).join("; ")}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {data.servers.length === 0 ? (
          <EmptyState title="No MCP servers in these files">
            Check that each file is a client&apos;s MCP config (it has <code>mcpServers</code>, <code>servers</code>, <code>context_servers</code> or{" "}
            <code>[mcp_servers.…]</code>).
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-muted-foreground">
                <tr className="border-b">
                  <th className="w-8 py-2 pr-2 font-medium">
                    <span className="sr-only">Import</span>
                  </th>
                  <th className="py-2 pr-3 font-medium">Server</th>
                  <th className="py-2 pr-3 font-medium">Client</th>
                  <th className="py-2 pr-3 font-medium">Transport</th>
                  <th className="py-2 pr-3 font-medium">Needs</th>
                  <th className="py-2 font-medium">Secrets</th>
                </tr>
              </thead>
              <tbody>
                {data.servers.map((s) => (
                  <ServerRow key={s.key} server={s} choices={choices} setChoices={setChoices} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {error ? <ErrorState title="Nothing was imported" message={messageOf(error)} /> : null}
        <div className="flex items-center gap-3">
          <Button variant="primary" onClick={onImport} disabled={chosenCount === 0 || importing}>
            {importing ? <Loader2 className="animate-spin" /> : null}
            {importing ? "Importing…" : `Import ${chosenCount === 1 ? "1 server" : `${chosenCount} servers`}`}
          </Button>
          <span className="text-xs text-muted-foreground" aria-live="polite">
            {importing ? "Creating the integrations and saving their secrets…" : "Secrets are stored encrypted; configs hold only {{secret.NAME}}."}
          </span>
        </div>
      </CardBody>
    </Card>
  );
}

function ServerRow({ server: s, choices, setChoices }: { server: MonitoredServer; choices: ImportChoices; setChoices: (c: ImportChoices) => void }) {
  const checkboxId = `mcp-choose-${s.key}`;
  const setSecret = (name: string, value: string) =>
    setChoices({ ...choices, secrets: { ...choices.secrets, [s.key]: { ...choices.secrets[s.key], [name]: value } } });
  return (
    <tr className={cn("border-b align-top last:border-0", !s.importable && "text-muted-foreground")} data-testid="mcp-import-row">
      <td className="py-2.5 pr-2">
        <input
          id={checkboxId}
          type="checkbox"
          className="mt-0.5 size-3.5 accent-(--accent)"
          aria-label={`Import ${s.name}`}
          disabled={!s.importable}
          checked={s.importable && !!choices.chosen[s.key]}
          onChange={(e) => setChoices({ ...choices, chosen: { ...choices.chosen, [s.key]: e.target.checked } })}
        />
      </td>
      <td className="max-w-72 py-2.5 pr-3">
        <label htmlFor={checkboxId} className="font-medium">
          {s.name}
        </label>
        <p className="truncate font-mono text-[11px] text-muted-foreground" title={targetText(s)}>
          {targetText(s)}
        </p>
        {s.problems.map((p) => (
          <p key={p} className="text-xs text-bad-fg">
            {p}
          </p>
        ))}
        {s.warnings.map((w) => (
          <p key={w} className="text-xs text-warn-fg">
            {w}
          </p>
        ))}
      </td>
      <td className="py-2.5 pr-3">
        <ul className="grid gap-0.5">
          {s.foundIn.map((f) => (
            <li key={`${f.file}:${f.scope ?? ""}:${f.name}`} className="text-xs">
              {CLIENT_LABELS[f.client]}{" "}
              <span className="font-mono text-[11px] text-muted-foreground">
                {f.file}
                {f.line ? `:${f.line}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </td>
      <td className="py-2.5 pr-3 whitespace-nowrap">{s.transport ? <Badge>{TRANSPORT_LABELS[s.transport]}</Badge> : <Badge tone="bad">unsupported</Badge>}</td>
      <td className="py-2.5 pr-3">
        <div className="flex flex-wrap gap-1">
          {s.needs.stdio ? (
            <Badge tone="warn" title="It runs a command on the worker">
              TETHER_ALLOW_STDIO_MCP + admin
            </Badge>
          ) : null}
          {s.needs.secrets.length ? <Badge>{s.needs.secrets.length === 1 ? "1 secret" : `${s.needs.secrets.length} secrets`}</Badge> : null}
          {s.alreadyMonitored ? (
            <Badge tone="accent">
              <Link href={`/integrations/${s.alreadyMonitored.id}`} className="underline-offset-2 hover:underline">
                already monitored: {s.alreadyMonitored.name}
              </Link>
            </Badge>
          ) : null}
          {!s.needs.stdio && !s.needs.secrets.length && !s.alreadyMonitored ? <span className="text-xs text-muted-foreground">nothing</span> : null}
        </div>
      </td>
      <td className="min-w-56 py-2.5">
        {s.secrets.length === 0 ? (
          <span className="text-xs text-muted-foreground">none</span>
        ) : (
          <div className="grid gap-2">
            {s.secrets.map((x) => {
              const id = `mcp-secret-${s.key}-${x.name}`;
              return (
                <Field key={x.name} id={id} label={x.name} hint={x.hint ? `${x.hint} (${x.from})` : `From ${x.from}`}>
                  <Input
                    id={id}
                    type="password"
                    autoComplete="off"
                    value={choices.secrets[s.key]?.[x.name] ?? ""}
                    disabled={!s.importable}
                    placeholder={x.found ? undefined : "Leave blank to set later"}
                    onChange={(e) => setSecret(x.name, e.target.value)}
                    aria-describedby={`${id}-hint`}
                  />
                </Field>
              );
            })}
          </div>
        )}
      </td>
    </tr>
  );
}

function ResultCard({ result }: { result: { created: { key: string; id: string; name: string; secretsMissing: string[] }[] } }) {
  return (
    <Card data-testid="mcp-import-result">
      <CardHeader>
        <CardTitle className="flex items-center gap-1.5">
          <CheckCircle2 className="size-4 text-ok-fg" /> Imported {result.created.length === 1 ? "1 integration" : `${result.created.length} integrations`}
        </CardTitle>
      </CardHeader>
      <CardBody>
        <ul className="grid gap-1.5" aria-live="polite">
          {result.created.map((c) => (
            <li key={c.id} className="text-sm">
              <Link href={`/integrations/${c.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                {c.name}
              </Link>
              {c.secretsMissing.length ? (
                <span className="text-xs text-warn-fg"> · set {c.secretsMissing.join(", ")} on its page before it can pass</span>
              ) : null}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

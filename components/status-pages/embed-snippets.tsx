"use client";
// Where an editor copies the widget's iframe and a component's badges from. Only a public page embeds: a
// protected one's widget and badges answer with a refusal outside a signed-in browser.
import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import type { StatusPageView } from "@/lib/status-pages/pages";
import { badgeMarkdown, badgeUrl, widgetSnippet } from "@/lib/status-pages/embed-snippets";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

function CopyBox({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex items-start gap-2">
        <Textarea id={id} readOnly value={value} rows={3} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button size="sm" aria-label={`Copy ${label.toLowerCase()}`} onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
          {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

const noSubscription = () => () => undefined;

export function EmbedSnippets({ page }: { page: StatusPageView }) {
  // The origin is the browser's: known only after hydration, so the first render shows paths.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const components = page.groups.flatMap((g) => g.components);
  const [componentId, setComponentId] = useState(components[0]?.id ?? "");
  const chosen = components.find((c) => c.id === componentId) ?? components[0];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Embed</CardTitle>
      </CardHeader>
      <CardBody className="grid gap-4">
        {page.access !== "public" ? (
          <p className="text-sm text-muted-foreground">Widgets and badges show only for public pages; this one refuses readers without access.</p>
        ) : null}
        <CopyBox id="sp-widget-snippet" label="Widget iframe" value={widgetSnippet(origin, page.slug, page.title)} />
        {chosen ? (
          <div className="grid gap-2">
            <Select
              aria-label="Component for badges"
              value={chosen.id}
              onValueChange={setComponentId}
              options={components.map((c) => ({ value: c.id, label: c.name }))}
            />
            <div className="flex flex-wrap gap-2" aria-label="Badge preview">
              {(["status", "uptime-30d", "p95"] as const).map((k) => (
                // eslint-disable-next-line @next/next/no-img-element -- an SVG served by the page itself, no optimisation to gain
                <img key={k} src={badgeUrl("", page.slug, chosen.id, k)} alt={`${chosen.name} ${k} badge`} height={20} />
              ))}
            </div>
            <CopyBox id="sp-badge-snippet" label="Badges (Markdown)" value={badgeMarkdown(origin, page.slug, chosen.id, chosen.name)} />
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Add a component to get its badges.</p>
        )}
      </CardBody>
    </Card>
  );
}

import Link from "next/link";
import { presetConfig, PROVIDER_IDS, PROVIDER_PRESETS, type ProviderId } from "@/lib/probes/http/presets";
import { cn } from "@/lib/cn";

/** Start from a provider: links that prefill the form (`?preset=`), the chosen one highlighted. */
export function PresetPicker({ current }: { current?: ProviderId }) {
  return (
    <nav aria-label="Start from a provider" className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs text-muted-foreground">Start from</span>
      {PROVIDER_IDS.map((id) => (
        <Link
          key={id}
          href={`/integrations/new?preset=${id}`}
          aria-current={current === id ? "true" : undefined}
          className={cn("rounded-full border px-2.5 py-0.5 text-xs hover:bg-muted", current === id && "border-accent bg-accent/10 text-accent")}
        >
          {PROVIDER_PRESETS[id].label}
        </Link>
      ))}
      {current ? (
        <Link href="/integrations/new" className="ml-1 text-xs text-muted-foreground hover:text-foreground">
          clear
        </Link>
      ) : null}
    </nav>
  );
}

export function PresetNotice({ id, variant }: { id: ProviderId; variant?: string }) {
  const p = PROVIDER_PRESETS[id];
  const chosen = presetConfig(id, variant);
  return (
    <div role="note" className="grid gap-1 rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm" data-testid="preset-notice">
      <p>
        <span className="font-medium">{p.label}:</span> {p.summary}
      </p>
      {p.variants ? (
        <nav aria-label={`${p.label}: ${p.variants.label}`} className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className="text-muted-foreground">{p.variants.label}</span>
          {p.variants.options.map((v) => (
            <Link
              key={v.id}
              href={`/integrations/new?preset=${id}&variant=${v.id}`}
              aria-current={chosen.variant?.id === v.id ? "true" : undefined}
              className={cn("rounded-full border px-2 py-0.5 hover:bg-muted", chosen.variant?.id === v.id && "border-accent bg-accent/10 text-accent")}
            >
              {v.label}
            </Link>
          ))}
        </nav>
      ) : null}
      {p.note ? <p className="text-xs text-muted-foreground">{p.note}</p> : null}
      {chosen.secrets.length > 0 ? (
        <p className="text-xs text-muted-foreground">
          After creating it, set{" "}
          {chosen.secrets.map((s, i) => (
            <span key={s.name}>
              {i > 0 ? " and " : ""}
              <code className="font-mono text-foreground">{s.name}</code> ({s.hint})
            </span>
          ))}{" "}
          under Secrets on the integration page.
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">Rate limits: {p.rateLimitHeaders}.</p>
    </div>
  );
}

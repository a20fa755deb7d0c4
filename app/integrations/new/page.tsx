import { BackLink } from "@/components/ui/back-link";
import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { PresetNotice, PresetPicker } from "@/components/integrations/preset-picker";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";
import { presetConfig, PROVIDER_IDS, PROVIDER_PRESETS, type ProviderId } from "@/lib/probes/http/presets";
import type { IntegrationInputRaw } from "@/lib/integrations/integration-input";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New integration" };

type Params = { kind?: string | string[]; preset?: string | string[]; variant?: string | string[] };

/** `?kind=` preselects a probe kind, `?preset=` a provider and `?variant=` its site or region, so docs and links can open the right form. */
export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { kind, preset, variant } = await searchParams;
  if (!(await requirePage("editor", "/integrations/new"))) return <Forbidden role="editor" />;
  const presetId = typeof preset === "string" && (PROVIDER_IDS as readonly string[]).includes(preset) ? (preset as ProviderId) : undefined;
  const initial: IntegrationInputRaw | undefined = presetId
    ? {
        kind: "http",
        name: PROVIDER_PRESETS[presetId].name,
        intervalSeconds: PROVIDER_PRESETS[presetId].intervalSeconds,
        timeoutMs: 5_000,
        config: presetConfig(presetId, typeof variant === "string" ? variant : undefined).config,
      }
    : undefined;
  return (
    <div className="mx-auto grid max-w-3xl gap-4">
      <div>
        <BackLink href="/">Integrations</BackLink>
        <h1 className="mt-1 text-lg font-semibold tracking-tight">New integration</h1>
        <p className="text-sm text-muted-foreground">Tether probes it right after you save, then on its interval.</p>
      </div>
      <p className="text-sm">
        Already use MCP servers in an editor or agent?{" "}
        <Link href="/integrations/import" className="font-medium text-accent underline-offset-2 hover:underline">
          Import MCP servers
        </Link>{" "}
        from their config files.
      </p>
      <PresetPicker current={presetId} />
      {presetId ? <PresetNotice id={presetId} variant={typeof variant === "string" ? variant : undefined} /> : null}
      <IntegrationForm key={presetId ? `${presetId}:${variant ?? ""}` : "blank"} initial={initial} initialKind={typeof kind === "string" ? kind : undefined} />
    </div>
  );
}

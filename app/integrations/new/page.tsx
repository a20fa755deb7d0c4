import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New integration" };

/** `?kind=` preselects a probe kind, so docs and presets can link straight to the right form. */
export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  const { kind } = await searchParams;
  if (!(await requirePage("editor", "/integrations/new"))) return <Forbidden role="editor" />;
  return (
    <div className="mx-auto grid max-w-3xl gap-4">
      <div>
        <Link href="/" className="inline-flex items-center gap-0.5 text-xs text-muted-foreground hover:text-foreground">
          <ChevronLeft className="size-3.5" /> Integrations
        </Link>
        <h1 className="mt-1 text-lg font-semibold tracking-tight">New integration</h1>
        <p className="text-sm text-muted-foreground">Tether probes it right after you save, then on its interval.</p>
      </div>
      <IntegrationForm initialKind={typeof kind === "string" ? kind : undefined} />
    </div>
  );
}

import type { Metadata } from "next";
import { McpImport } from "@/components/integrations/mcp-import";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { requirePage } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import MCP servers" };

export default async function ImportMcpServersPage() {
  if (!(await requirePage("editor", "/integrations/import"))) return <Forbidden role="editor" />;
  return (
    <div className="mx-auto grid max-w-6xl gap-4">
      <div>
        <BackLink href="/">Integrations</BackLink>
        <h1 className="mt-1 text-lg font-semibold tracking-tight">Import MCP servers</h1>
        <p className="text-sm text-muted-foreground">
          Monitor the MCP servers your editors and agents already use: Tether reads their configs, turns every variable and credential into a secret to fill,
          and creates one MCP check per server.
        </p>
      </div>
      <McpImport />
    </div>
  );
}

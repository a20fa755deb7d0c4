"use client";
// An MCP server's tool versions, newest first: when each was first seen, its changes counted by impact, and, opened,
// the classified changes and a diff of the tool definitions that changed.
import { useInfiniteQuery } from "@tanstack/react-query";
import { ChevronRight, History } from "lucide-react";
import { useState } from "react";
import { integrationQueries } from "@/lib/queries/integrations";
import type { ToolVersionView } from "@/lib/integrations/types";
import type { ChangeImpact } from "@/lib/mcp/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/data-table";
import { DiffView } from "@/components/ui/diff-view";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";

const IMPACT_TONE: Record<ChangeImpact, BadgeTone> = { breaking: "bad", additive: "ok", cosmetic: "neutral" };
const IMPACTS: ChangeImpact[] = ["breaking", "additive", "cosmetic"];

export function ToolVersionsCard({ integrationId }: { integrationId: string }) {
  const query = useInfiniteQuery(integrationQueries.toolVersions(integrationId));
  const versions = query.data?.pages.flatMap((p) => p.versions) ?? [];
  return (
    <Card data-testid="tool-versions">
      <CardHeader>
        <CardTitle>Tool versions</CardTitle>
      </CardHeader>
      {query.isPending ? (
        <div className="grid gap-1.5 p-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : query.error ? (
        <div className="p-3">
          <ErrorState title="Could not load tool versions" message={query.error.message} onRetry={() => query.refetch()} />
        </div>
      ) : versions.length === 0 ? (
        <EmptyState icon={<History />} title="No tool list recorded yet">
          The first successful probe records the server&apos;s tools as version 1.
        </EmptyState>
      ) : versions.length === 1 && versions[0]!.seq === 1 ? (
        <EmptyState icon={<History />} title="No changes yet">
          Version 1, {versions[0]!.toolCount} tool{versions[0]!.toolCount === 1 ? "" : "s"}, first seen <RelativeTime iso={versions[0]!.firstSeenAt} />. Each
          change to the tool list will be listed here and classified as breaking, additive or cosmetic.
        </EmptyState>
      ) : (
        <>
          <ol className="divide-y">
            {versions.map((v) => (
              <VersionRow key={v.seq} version={v} />
            ))}
          </ol>
          <CursorPager query={query} label="Load older versions" />
        </>
      )}
    </Card>
  );
}

function VersionRow({ version: v }: { version: ToolVersionView }) {
  const [open, setOpen] = useState(false);
  const first = v.seq === 1;
  return (
    <li data-testid="tool-version" data-seq={v.seq}>
      <button
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-muted/40 focus-visible:outline-2 focus-visible:outline-ring"
      >
        <ChevronRight className={cn("size-3.5 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} />
        <span className="font-medium">Version {v.seq}</span>
        <span className="text-xs text-muted-foreground">
          <RelativeTime iso={v.firstSeenAt} /> · {v.toolCount} tool{v.toolCount === 1 ? "" : "s"}
        </span>
        <span className="ml-auto flex flex-wrap justify-end gap-1">
          {first ? (
            <Badge>first seen</Badge>
          ) : (
            IMPACTS.filter((k) => v.counts[k] > 0).map((k) => (
              <Badge key={k} tone={IMPACT_TONE[k]}>
                {v.counts[k]} {k}
              </Badge>
            ))
          )}
        </span>
      </button>
      {open ? (
        <div className="grid gap-3 border-t bg-muted/20 px-4 py-3" data-testid="tool-version-detail">
          {first ? (
            <p className="text-sm text-muted-foreground">The first tool list seen from this server: nothing to compare it with.</p>
          ) : (
            <ul className="grid gap-1 text-sm" aria-label={`Changes in version ${v.seq}`}>
              {v.changes.map((c, i) => (
                <li key={i} className="flex items-start gap-2" data-testid="tool-change" data-impact={c.impact}>
                  <Badge tone={IMPACT_TONE[c.impact]} className="mt-0.5">
                    {c.impact}
                  </Badge>
                  <span>
                    <span className="font-mono text-xs">{c.tool}</span>: {c.what}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {v.diffs.map((d) => (
            <div key={d.tool} className="grid gap-1">
              <h4 className="text-xs font-medium">
                <span className="font-mono">{d.tool}</span> <span className="text-muted-foreground">· {d.status}</span>
              </h4>
              <DiffView hunks={d.hunks} label={`Definition of ${d.tool}, version ${v.seq - 1} to ${v.seq}`} />
            </div>
          ))}
        </div>
      ) : null}
    </li>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { adminQueries } from "@/lib/queries/admin";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";

const FILTERS = [
  { value: "all", label: "All actions" },
  { value: "integration.", label: "Integrations" },
  { value: "probe.", label: "Manual probes" },
  { value: "secret", label: "Secrets" },
  { value: "token.", label: "API tokens" },
  { value: "user.", label: "Users" },
  { value: "auth.", label: "Sign-ins" },
];

function tone(action: string): BadgeTone {
  if (action.endsWith("delete") || action.endsWith("revoke") || action === "auth.login_failed") return "bad";
  if (action.endsWith("create") || action === "auth.setup") return "ok";
  if (action.startsWith("probe.")) return "accent";
  return "neutral";
}

export function AuditLog() {
  const [filter, setFilter] = useState("all");
  const log = useQuery(adminQueries.audit(filter === "all" ? "" : filter));
  return (
    <Card>
      <div className="flex items-center gap-2 border-b px-3 py-2">
        <div className="w-48">
          <Select aria-label="Filter by action" value={filter} onValueChange={setFilter} options={FILTERS} className="h-7 text-xs" />
        </div>
        <span className="ml-auto text-xs text-muted-foreground">Newest first · refreshed every 10 s</span>
      </div>
      <QueryBody
        query={log}
        isEmpty={(d) => d.events.length === 0}
        errorTitle="Could not load the audit log"
        rows={6}
        empty={{ icon: <ScrollText />, title: "Nothing recorded yet", body: "Changes to integrations, manual probes, tokens, users and sign-ins appear here." }}
      >
        {(data) => (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>What</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.id} data-testid="audit-row" className="border-b last:border-0 [&>td]:px-3 [&>td]:py-1.5">
                  <td className="text-xs whitespace-nowrap">
                    <RelativeTime iso={e.at} />
                  </td>
                  <td className="max-w-56 truncate text-xs" title={e.actorLabel}>
                    {e.actorLabel}
                  </td>
                  <td>
                    <Badge tone={tone(e.action)} className="font-mono text-[11px]">
                      {e.action}
                    </Badge>
                  </td>
                  <td>
                    {e.targetType === "integration" && e.targetId && e.action !== "integration.delete" ? (
                      <Link href={`/integrations/${e.targetId}`} className="hover:underline">
                        {e.summary}
                      </Link>
                    ) : (
                      e.summary
                    )}
                  </td>
                  <td className="font-mono text-xs text-muted-foreground">{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryBody>
    </Card>
  );
}

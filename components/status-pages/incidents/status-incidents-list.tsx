"use client";
// A status page's incidents for editors, newest first, open ones marked.
import { useQuery } from "@tanstack/react-query";
import { Megaphone } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { QueryBody } from "@/components/ui/query-body";
import { formatWhen } from "@/lib/domain/format";
import { statusIncidentQueries } from "@/lib/queries/status-incidents";
import { STATUS_INCIDENT_IMPACT_LABEL, STATUS_INCIDENT_STATUS_LABEL } from "@/lib/status-pages/incident-rules";
import { IMPACT_TONE } from "./labels";

export function StatusIncidentsList({ pageId }: { pageId: string }) {
  const incidents = useQuery(statusIncidentQueries.page(pageId));
  return (
    <Card>
      <QueryBody
        query={incidents}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load the incidents"
        empty={{
          icon: <Megaphone />,
          title: "No incidents posted",
          body: "When something breaks, open an incident here, or from an alert incident with “Post to status page”, and keep people informed with updates.",
        }}
      >
        {(list) => (
          <ul className="divide-y">
            {list.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <Link href={`/status-pages/${pageId}/incidents/${i.id}`} className="font-medium hover:underline">
                  {i.title}
                </Link>
                <Badge tone={IMPACT_TONE[i.impact]}>{STATUS_INCIDENT_IMPACT_LABEL[i.impact]}</Badge>
                <Badge tone={i.status === "resolved" ? "ok" : "warn"}>{STATUS_INCIDENT_STATUS_LABEL[i.status]}</Badge>
                <span className="ml-auto text-xs text-muted-foreground">
                  {formatWhen(i.startedAt)} · {i.updates.length} {i.updates.length === 1 ? "update" : "updates"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryBody>
    </Card>
  );
}

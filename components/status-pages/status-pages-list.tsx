"use client";
import { useQuery } from "@tanstack/react-query";
import { Globe, Lock, Users } from "lucide-react";
import Link from "next/link";
import { statusPageQueries } from "@/lib/queries/status-pages";
import type { StatusPageAccess } from "@/lib/status-pages/page-input";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { QueryBody } from "@/components/ui/query-body";

const ACCESS: Record<StatusPageAccess, { label: string; icon: typeof Globe }> = {
  public: { label: "Public", icon: Globe },
  password: { label: "Password", icon: Lock },
  signed_in: { label: "Signed in", icon: Users },
};

export function StatusPagesList() {
  const pages = useQuery(statusPageQueries.list());
  return (
    <Card>
      <QueryBody
        query={pages}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load status pages"
        empty={{
          icon: <Globe />,
          title: "No status pages yet",
          body: "A status page tells customers and colleagues what works, with 90 days of history, in the format their tools already read.",
        }}
      >
        {(list) => (
          <ul className="divide-y">
            {list.map((p) => {
              const A = ACCESS[p.access];
              const count = p.groups.reduce((n, g) => n + g.components.length, 0);
              return (
                <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <Link href={`/status-pages/${p.id}`} className="font-medium hover:underline">
                    {p.title}
                  </Link>
                  <span className="font-mono text-xs text-muted-foreground">/status/{p.slug}</span>
                  <Badge tone="neutral">
                    <A.icon className="size-3" /> {A.label}
                  </Badge>
                  <span className="ml-auto text-sm text-muted-foreground">
                    {count} component{count === 1 ? "" : "s"}
                  </span>
                  <a href={`/status/${p.slug}`} className="text-sm text-accent hover:underline" target="_blank" rel="noreferrer">
                    Open
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </QueryBody>
    </Card>
  );
}

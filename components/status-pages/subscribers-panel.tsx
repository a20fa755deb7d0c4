"use client";
// The editors' view of a status page's subscribers: counts by state, the list, and removing one.
import { useMutation, useQuery } from "@tanstack/react-query";
import { Trash2, Users } from "lucide-react";
import { statusPageActions, statusPageQueries } from "@/lib/queries/status-pages";
import type { SubscriberView } from "@/lib/status-pages/subscriptions/subscribers";
import { useCan } from "@/components/app-shell/viewer-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatCard, StatGrid } from "@/components/ui/stat";

const STATE: Record<SubscriberView["state"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "ok" },
  pending: { label: "Awaiting confirmation", tone: "warn" },
  unsubscribed: { label: "Unsubscribed", tone: "neutral" },
};

export function SubscribersPanel({ pageId, componentNames }: { pageId: string; componentNames: Record<string, string> }) {
  const canEdit = useCan("editor");
  const query = useQuery(statusPageQueries.subscribers(pageId));
  const remove = useMutation(statusPageActions.removeSubscriber(pageId));
  return (
    <div className="grid gap-4">
      <StatGrid className="grid-cols-3">
        <StatCard label="Active" value={query.data?.counts.active ?? "—"} />
        <StatCard label="Awaiting confirmation" value={query.data?.counts.pending ?? "—"} />
        <StatCard label="Unsubscribed" value={query.data?.counts.unsubscribed ?? "—"} />
      </StatGrid>
      <Card>
        <CardBody className="p-0">
          <QueryBody
            query={query}
            isEmpty={(d) => d.subscribers.length === 0}
            empty={{ icon: <Users />, title: "No subscribers yet", body: "Readers subscribe from the page's “Get updates” form, or by webhook." }}
            errorTitle="Could not load subscribers"
          >
            {(d) => (
              <table className="w-full text-sm" aria-label="Subscribers">
                <thead className="text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="px-3 py-2 font-medium">Address</th>
                    <th className="px-3 py-2 font-medium">Channel</th>
                    <th className="px-3 py-2 font-medium">Components</th>
                    <th className="px-3 py-2 font-medium">State</th>
                    <th className="px-3 py-2 font-medium">Since</th>
                    <th className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.subscribers.map((s) => (
                    <tr key={s.id} className="border-t">
                      <td className="max-w-72 truncate px-3 py-2 font-medium">{s.address}</td>
                      <td className="px-3 py-2">{s.channel === "email" ? "Email" : "Webhook"}</td>
                      <td className="px-3 py-2 text-muted-foreground">
                        {s.componentIds.length === 0 ? "All" : s.componentIds.map((id) => componentNames[id] ?? id).join(", ")}
                      </td>
                      <td className="px-3 py-2">
                        <Badge tone={STATE[s.state].tone}>{STATE[s.state].label}</Badge>
                      </td>
                      <td className="px-3 py-2 text-muted-foreground">
                        <RelativeTime iso={s.createdAt} />
                      </td>
                      <td className="px-3 py-2 text-right">
                        {canEdit ? (
                          <ConfirmDialog
                            trigger={
                              <Button size="sm" variant="ghost" aria-label={`Remove ${s.address}`}>
                                <Trash2 />
                              </Button>
                            }
                            title="Remove this subscriber?"
                            description={`${s.address} gets no more updates. They can subscribe again.`}
                            confirmLabel="Remove"
                            pending={remove.isPending}
                            onConfirm={() => remove.mutate(s.id)}
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </QueryBody>
        </CardBody>
      </Card>
    </div>
  );
}

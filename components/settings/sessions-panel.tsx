"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { LogOut, MonitorSmartphone } from "lucide-react";
import { signOut } from "next-auth/react";
import { sessionActions, sessionQueries } from "@/lib/queries/sessions";
import { describeUserAgent } from "@/lib/domain/user-agent";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/state";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";

/** The viewer's signed-in browsers: each can be ended, or all at once ("sign out everywhere", this one too). */
export function SessionsPanel() {
  const sessions = useQuery(sessionQueries.own());
  const endOne = useMutation(sessionActions.endOne());
  const everywhere = useMutation(sessionActions.signOutEverywhere());
  const error = endOne.error ?? everywhere.error;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Active sessions</CardTitle>
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="danger">
              <LogOut /> Sign out everywhere
            </Button>
          }
          title="Sign out everywhere?"
          description="Every browser signed in as you is signed out at its next request, this one included."
          confirmLabel="Sign out everywhere"
          pending={everywhere.isPending}
          onConfirm={() => everywhere.mutate(undefined, { onSuccess: () => void signOut({ callbackUrl: "/signin" }) })}
        />
      </CardHeader>
      {error ? (
        <div className="p-3">
          <ErrorState title="Could not end the session" message={error.message} />
        </div>
      ) : null}
      <QueryBody
        query={sessions}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load your sessions"
        empty={{ icon: <MonitorSmartphone />, title: "No active sessions" }}
      >
        {(data) => (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                <th>Device</th>
                <th>Address</th>
                <th>Signed in</th>
                <th>Last seen</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.map((s) => (
                <tr key={s.id} data-testid="session-row" className="border-b last:border-0 [&>td]:px-3 [&>td]:py-1.5">
                  <td title={s.userAgent ?? undefined}>
                    {describeUserAgent(s.userAgent)}
                    {s.current ? (
                      <Badge tone="ok" className="ml-2">
                        this browser
                      </Badge>
                    ) : null}
                  </td>
                  <td className="font-mono text-xs">{s.ip ?? "unknown"}</td>
                  <td className="text-xs">
                    <RelativeTime iso={s.createdAt} />
                  </td>
                  <td className="text-xs">
                    <RelativeTime iso={s.lastSeenAt} />
                  </td>
                  <td className="text-right">
                    {s.current ? null : (
                      <Button
                        size="sm"
                        onClick={() => endOne.mutate(s.id)}
                        disabled={endOne.isPending}
                        aria-label={`End session on ${describeUserAgent(s.userAgent)}`}
                      >
                        End
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryBody>
    </Card>
  );
}

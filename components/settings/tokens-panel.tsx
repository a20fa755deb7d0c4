"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, Copy, KeyRound, Loader2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { adminActions, adminQueries } from "@/lib/queries/admin";
import { ROLES, atLeast, type Role } from "@/lib/auth/roles";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { SCOPE_DESCRIPTION, type Scope } from "@/lib/auth/scopes";
import { ErrorState } from "@/components/ui/state";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";
import { useViewer } from "@/components/app-shell/viewer-context";

function CreatedToken({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="grid gap-2 rounded-md border border-ok/30 bg-ok/5 p-3">
      <p className="text-sm font-medium">Copy this token now. It will not be shown again.</p>
      <div className="flex gap-2">
        <Input readOnly value={token} aria-label="New API token" className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Use it as <span className="font-mono">Authorization: Bearer &lt;token&gt;</span> on any <span className="font-mono">/api</span> route.
      </p>
      <div>
        <Button size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

export function TokensPanel() {
  const viewer = useViewer();
  const tokens = useQuery(adminQueries.tokens());
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [metricsScope, setMetricsScope] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const create = useMutation(adminActions.createToken());
  const revoke = useMutation(adminActions.revokeToken());
  const fieldError = create.error instanceof ApiClientError ? create.error.fields : {};
  const allowedRoles = ROLES.filter((r) => viewer && atLeast(viewer.role, r));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, role, scopes: metricsScope ? ["metrics"] : [] },
      {
        onSuccess: ({ token }) => {
          setFresh(token);
          setName("");
          setMetricsScope(false);
        },
      },
    );
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
      <Card className="self-start">
        <CardHeader>
          <CardTitle>New token</CardTitle>
        </CardHeader>
        <CardBody>
          {fresh ? (
            <CreatedToken token={fresh} onDone={() => setFresh(null)} />
          ) : (
            <form onSubmit={onSubmit} className="grid gap-3" aria-label="Create API token">
              <Field id="token-name" label="Name" error={fieldError.name?.[0]} hint="What will use it, e.g. deploy pipeline">
                <Input {...describedBy("token-name", fieldError.name?.[0])} value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field id="token-role" label="Role" error={fieldError.role?.[0]} hint="Never more than your own role">
                <Select id="token-role" value={role} onValueChange={(v) => setRole(v as Role)} options={allowedRoles.map((r) => ({ value: r, label: r }))} />
              </Field>
              <div className="flex items-start gap-2">
                <Switch id="token-scope-metrics" checked={metricsScope} onCheckedChange={setMetricsScope} aria-describedby="token-scope-metrics-hint" />
                <div className="grid gap-0.5">
                  <label htmlFor="token-scope-metrics" className="text-sm font-medium">
                    Metrics scope
                  </label>
                  <p id="token-scope-metrics-hint" className="text-xs text-muted-foreground">
                    {SCOPE_DESCRIPTION.metrics}: for a Prometheus server.
                  </p>
                </div>
              </div>
              {create.error && !fieldError.name && !fieldError.role ? <ErrorState title="Could not create the token" message={create.error.message} /> : null}
              <Button variant="primary" type="submit" disabled={create.isPending}>
                {create.isPending ? <Loader2 className="animate-spin" /> : <KeyRound />} Create token
              </Button>
            </form>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{viewer?.role === "admin" ? "All tokens" : "Your tokens"}</CardTitle>
        </CardHeader>
        <QueryBody
          query={tokens}
          isEmpty={(d) => d.length === 0}
          errorTitle="Could not load tokens"
          rows={2}
          empty={{ icon: <KeyRound />, title: "No API tokens yet", body: "Create one for scripts and CI. Tokens are stored hashed and shown only once." }}
        >
          {(data) => (
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>Name</th>
                  <th>Token</th>
                  <th>Role</th>
                  {viewer?.role === "admin" ? <th>Owner</th> : null}
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((t) => (
                  <tr key={t.id} data-testid="token-row" className="border-b last:border-0 [&>td]:px-3 [&>td]:py-1.5">
                    <td className="font-medium">{t.name}</td>
                    <td className="font-mono text-xs text-muted-foreground">{t.prefix}…</td>
                    <td>
                      <Badge>{t.role}</Badge>
                      {t.scopes.map((s: Scope) => (
                        <Badge key={s} className="ml-1">
                          {s}
                        </Badge>
                      ))}
                    </td>
                    {viewer?.role === "admin" ? <td className="text-xs">{t.owner}</td> : null}
                    <td className="text-xs">
                      <RelativeTime iso={t.lastUsedAt} fallback="never" />
                    </td>
                    <td className="text-right">
                      {t.revokedAt ? (
                        <Badge tone="bad">revoked</Badge>
                      ) : (
                        <ConfirmDialog
                          trigger={<Button size="sm">Revoke</Button>}
                          title={`Revoke "${t.name}"?`}
                          description="Anything using it stops working at once."
                          confirmLabel="Revoke token"
                          pending={revoke.isPending}
                          onConfirm={() => revoke.mutate(t.id)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryBody>
      </Card>
    </div>
  );
}

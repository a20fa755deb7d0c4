"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, UserPlus, Users } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiClientError } from "@/lib/queries/api-client";
import { adminActions, adminQueries } from "@/lib/queries/admin";
import { sessionActions } from "@/lib/queries/sessions";
import { ROLES, ROLE_DESCRIPTION, type Role } from "@/lib/auth/roles";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/ui/switch";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ErrorState } from "@/components/ui/state";
import { QueryBody } from "@/components/ui/query-body";
import { RelativeTime } from "@/components/ui/relative-time";

const roleOptions = ROLES.map((r) => ({ value: r, label: r }));

export function UsersPanel() {
  const users = useQuery(adminQueries.users());
  const [form, setForm] = useState({ email: "", name: "", role: "viewer" as Role, password: "" });
  const create = useMutation(adminActions.createUser());
  const update = useMutation(adminActions.updateUser());
  const endSessions = useMutation(sessionActions.endUserSessions());
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, name: form.name || undefined }, { onSuccess: () => setForm({ email: "", name: "", role: "viewer", password: "" }) });
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
      <Card className="self-start">
        <CardHeader>
          <CardTitle>Add a user</CardTitle>
        </CardHeader>
        <CardBody>
          <form onSubmit={onSubmit} className="grid gap-3" aria-label="Add a user">
            <Field id="user-email" label="Email" error={fields.email?.[0]}>
              <Input
                {...describedBy("user-email", fields.email?.[0])}
                type="email"
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.target.value })}
              />
            </Field>
            <Field id="user-name" label="Name" hint="Optional">
              <Input {...describedBy("user-name")} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <Field id="user-role" label="Role" hint={ROLE_DESCRIPTION[form.role]}>
              <Select id="user-role" value={form.role} onValueChange={(v) => setForm({ ...form, role: v as Role })} options={roleOptions} />
            </Field>
            <Field id="user-password" label="Initial password" error={fields.password?.[0]} hint="At least 10 characters; share it with them privately">
              <Input
                {...describedBy("user-password", fields.password?.[0])}
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </Field>
            {create.error && Object.keys(fields).length === 0 ? <ErrorState title="Could not add the user" message={create.error.message} /> : null}
            <Button variant="primary" type="submit" disabled={create.isPending}>
              {create.isPending ? <Loader2 className="animate-spin" /> : <UserPlus />} Add user
            </Button>
          </form>
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Users</CardTitle>
        </CardHeader>
        {update.error || endSessions.error ? (
          <div className="p-3">
            <ErrorState title="Could not change the user" message={(update.error ?? endSessions.error)!.message} />
          </div>
        ) : null}
        {endSessions.data ? (
          <p role="status" className="px-3 pt-2 text-xs text-muted-foreground">
            Ended {endSessions.data.ended} session{endSessions.data.ended === 1 ? "" : "s"}.
          </p>
        ) : null}
        <QueryBody query={users} isEmpty={(d) => d.length === 0} errorTitle="Could not load users" empty={{ icon: <Users />, title: "No users" }}>
          {(data) => (
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>User</th>
                  <th>Role</th>
                  <th title="A locked role is kept at SSO sign-in instead of the provider's groups">Locked</th>
                  <th>Sign-in</th>
                  <th>Last sign-in</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((u) => (
                  <tr key={u.id} data-testid="user-row" className="border-b last:border-0 [&>td]:px-3 [&>td]:py-1.5">
                    <td>
                      <div className="font-medium">{u.name ?? u.email}</div>
                      {u.name ? <div className="text-xs text-muted-foreground">{u.email}</div> : null}
                    </td>
                    <td className="w-32">
                      <Select
                        aria-label={`Role of ${u.email}`}
                        value={u.role}
                        onValueChange={(v) => update.mutate({ id: u.id, patch: { role: v as Role } })}
                        options={roleOptions}
                        className="h-7 text-xs"
                      />
                    </td>
                    <td>
                      <Switch
                        aria-label={`Lock the role of ${u.email}`}
                        checked={u.roleLocked}
                        onCheckedChange={(roleLocked) => update.mutate({ id: u.id, patch: { roleLocked } })}
                      />
                    </td>
                    <td className="text-xs text-muted-foreground">
                      {[u.hasPassword ? "password" : null, u.github ? "GitHub" : null, u.sso.length ? "SSO" : null].filter(Boolean).join(", ")}
                    </td>
                    <td className="text-xs">
                      <RelativeTime iso={u.lastLoginAt} fallback="never" />
                    </td>
                    <td className="text-right">
                      {u.disabled ? (
                        <Badge tone="bad" className="mr-2">
                          disabled
                        </Badge>
                      ) : null}
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" className="mr-2" aria-label={`End sessions of ${u.email}`}>
                            End sessions
                          </Button>
                        }
                        title={`End all sessions of ${u.email}?`}
                        description="Every browser signed in as them is signed out at its next request. Their API tokens keep working."
                        confirmLabel="End sessions"
                        pending={endSessions.isPending}
                        onConfirm={() => endSessions.mutate(u.id)}
                      />
                      <Button size="sm" onClick={() => update.mutate({ id: u.id, patch: { disabled: !u.disabled } })}>
                        {u.disabled ? "Enable" : "Disable"}
                      </Button>
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

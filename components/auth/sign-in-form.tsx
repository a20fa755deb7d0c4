"use client";
import { Loader2, LogIn } from "lucide-react";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { accountActions } from "@/lib/queries/account";
import { ApiClientError } from "@/lib/queries/api-client";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { describeSignInError as describe } from "./sign-in-errors";

export interface SignInProvider {
  id: string;
  name: string;
}

export function SignInForm({
  setup,
  password: passwordOn,
  providers,
  callbackUrl,
  initialError,
}: {
  setup: boolean;
  password: boolean;
  providers: SignInProvider[];
  callbackUrl: string;
  initialError?: string;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(describe(initialError));
  const [fields, setFields] = useState<Record<string, string[]>>({});

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFields({});
    let leaving = false;
    try {
      if (setup) await accountActions.createFirstAccount({ email, password, name: name || undefined });
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (!result || result.error) {
        setError(describe(result?.error ?? "unknown"));
        return;
      }
      // A full page load, not a client-side navigation: every server-rendered part (the shell, the navigation)
      // depends on the session, and the client router may hold answers fetched while signed out (redirects to
      // this page), which sent people back here in a loop.
      leaving = true;
      window.location.assign(callbackUrl);
    } catch (err) {
      if (err instanceof ApiClientError) {
        setFields(err.fields);
        setError(err.message);
      } else setError("Sign-in failed. Try again.");
    } finally {
      // Still pending while the browser loads the next page, so a second press does not sign in twice.
      if (!leaving) setPending(false);
    }
  };

  const alert = error ? (
    <p role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad-fg">
      {error}
    </p>
  ) : null;
  const buttons =
    providers.length && !setup ? (
      <div className="grid gap-2" role="group" aria-label="Single sign-on">
        {providers.map((p) => (
          <Button key={p.id} onClick={() => void signIn(p.id, { callbackUrl })}>
            <LogIn /> Sign in with {p.name}
          </Button>
        ))}
      </div>
    ) : null;

  return (
    <Card>
      <CardBody className="grid gap-4">
        {passwordOn || setup ? (
          <form onSubmit={onSubmit} className="grid gap-4" aria-label={setup ? "Create the first account" : "Sign in"}>
            {alert}
            {setup ? (
              <Field id="name" label="Name" hint="Optional">
                <Input {...describedBy("name")} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
              </Field>
            ) : null}
            <Field id="email" label="Email" error={fields.email?.[0]}>
              <Input
                {...describedBy("email", fields.email?.[0])}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoComplete="email"
                required
                autoFocus
              />
            </Field>
            <Field id="password" label="Password" error={fields.password?.[0]} hint={setup ? "At least 10 characters" : undefined}>
              <Input
                {...describedBy("password", fields.password?.[0])}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete={setup ? "new-password" : "current-password"}
                required
              />
            </Field>
            <Button variant="primary" type="submit" disabled={pending}>
              {pending ? <Loader2 className="animate-spin" /> : null}
              {setup ? "Create admin account" : "Sign in"}
            </Button>
            {buttons}
          </form>
        ) : (
          <>
            {alert}
            {buttons ?? <p className="text-sm text-muted-foreground">No sign-in method is configured. Ask your administrator.</p>}
          </>
        )}
      </CardBody>
    </Card>
  );
}

// The form a password-protected status page shows instead of itself: a plain POST to the page's unlock action,
// which sets the unlock cookie and sends the reader back. Works without JavaScript.
import { Lock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const MESSAGES: Record<string, string> = {
  wrong: "That is not the password. Try again.",
  limited: "Too many wrong passwords. Wait a few minutes and try again.",
};

export function StatusPasswordForm({ slug, problem }: { slug: string; problem?: string }) {
  const error = problem ? MESSAGES[problem] : undefined;
  return (
    <Card className="mx-auto mt-12 w-full max-w-sm">
      <CardBody>
        <form method="post" action={`/status/${slug}/unlock`} className="grid gap-3" aria-label="Unlock status page">
          <h1 className="flex items-center gap-2 text-base font-semibold">
            <Lock className="size-4" /> This status page is private
          </h1>
          <p className="text-sm text-muted-foreground">Enter the password you were given.</p>
          <Field id="status-password" label="Password" error={error}>
            <Input
              id="status-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "status-password-error" : undefined}
            />
          </Field>
          <Button type="submit" variant="primary">
            Open the page
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}

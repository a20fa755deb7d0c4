// Subscribe to a status page's updates: an email address and, optionally, the components to hear about (none
// ticked means all). A plain POST to the page's subscribe route that answers with a redirect back here, so it
// works without JavaScript; the outcome comes back in the query. Feeds are linked beside it.
import { Mail, Rss } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const OUTCOME: Record<string, { text: string; bad?: boolean }> = {
  sent: { text: "Check your inbox: we sent a link to confirm your subscription. It works for 24 hours." },
  invalid: { text: "Enter a valid email address.", bad: true },
  limited: { text: "Too many subscription requests. Try again later.", bad: true },
  off: { text: "This page does not send email updates.", bad: true },
  confirmed: { text: "You are subscribed. Updates will arrive by email." },
  unsubscribed: { text: "You are unsubscribed. No more updates will be sent." },
  expired: { text: "That confirmation link has expired. Subscribe again to get a new one.", bad: true },
};

export function SubscribeForm({
  slug,
  email,
  components,
  outcome,
}: {
  slug: string;
  email: boolean;
  components: { id: string; name: string }[];
  outcome?: string;
}) {
  const message = outcome ? (OUTCOME[outcome] ?? { text: "That link is not valid.", bad: true }) : null;
  return (
    <section id="subscribe" aria-labelledby="subscribe-heading" className="grid gap-3 rounded-lg border bg-card p-4">
      <h2 id="subscribe-heading" className="flex items-center gap-2 text-sm font-semibold">
        <Mail className="size-4" aria-hidden="true" /> Get updates
      </h2>
      {message ? (
        <p role={message.bad ? "alert" : "status"} className={message.bad ? "text-sm text-bad-fg" : "text-sm text-ok-fg"}>
          {message.text}
        </p>
      ) : null}
      {email ? (
        <form method="post" action={`/status/${slug}/subscribe`} className="grid gap-3" aria-label="Subscribe by email">
          <div className="flex flex-wrap items-end gap-2">
            <Field id="subscribe-email" label="Email" className="min-w-56 flex-1">
              <Input id="subscribe-email" name="email" type="email" autoComplete="email" required maxLength={320} placeholder="you@example.com" />
            </Field>
            <Button type="submit" variant="primary">
              Subscribe
            </Button>
          </div>
          {components.length > 1 ? (
            <fieldset className="grid gap-1.5">
              <legend className="mb-1 text-xs font-medium">Only these components (leave all unticked for everything)</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1.5">
                {components.map((c) => (
                  <label key={c.id} className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" name="component" value={c.id} className="size-4 accent-[var(--color-accent)]" />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
        </form>
      ) : null}
      <p className="flex items-center gap-3 text-xs text-muted-foreground">
        <Rss className="size-3.5" aria-hidden="true" />
        <a className="hover:underline" href={`/status/${slug}/feed.rss`}>
          RSS
        </a>
        <a className="hover:underline" href={`/status/${slug}/feed.atom`}>
          Atom
        </a>
      </p>
    </section>
  );
}

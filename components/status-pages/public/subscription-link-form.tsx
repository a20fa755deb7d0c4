// The page a subscription email's link opens: one button that POSTs the token, so a mail scanner that follows
// links confirms or unsubscribes nothing. Works without JavaScript.
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";

const TEXT = {
  confirm: { heading: "Confirm your subscription", lead: "Press the button to start getting status updates by email.", button: "Confirm subscription" },
  unsubscribe: { heading: "Unsubscribe", lead: "Press the button to stop getting status updates.", button: "Unsubscribe" },
} as const;

export function SubscriptionLinkForm({ slug, action, token }: { slug: string; action: keyof typeof TEXT; token: string }) {
  const t = TEXT[action];
  return (
    <Card className="mx-auto mt-12 w-full max-w-sm">
      <CardBody>
        <form method="post" action={`/status/${slug}/subscription`} className="grid gap-3" aria-label={t.heading}>
          <h1 className="text-base font-semibold">{t.heading}</h1>
          {token ? (
            <>
              <p className="text-sm text-muted-foreground">{t.lead}</p>
              <input type="hidden" name="action" value={action} />
              <input type="hidden" name="token" value={token} />
              <Button type="submit" variant="primary">
                {t.button}
              </Button>
            </>
          ) : (
            <p className="text-sm text-muted-foreground">This link is incomplete. Open it again from the email.</p>
          )}
        </form>
      </CardBody>
    </Card>
  );
}

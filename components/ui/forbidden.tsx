import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "./button";
import { Card } from "./card";
import { EmptyState } from "./state";

/** What a signed-in person without the needed role sees instead of the page. */
export function Forbidden({ role }: { role: string }) {
  return (
    <Card className="mx-auto max-w-xl">
      <EmptyState
        icon={<ShieldAlert />}
        title="You don't have access to this page"
        action={
          <Button asChild>
            <Link href="/">Back to integrations</Link>
          </Button>
        }
      >
        It needs the <strong>{role}</strong> role. Ask an admin if you need it.
      </EmptyState>
    </Card>
  );
}

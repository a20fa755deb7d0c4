import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/state";

export default function NotFound() {
  return (
    <Card className="mx-auto max-w-xl">
      <EmptyState
        title="Nothing here"
        action={
          <Button asChild>
            <Link href="/">Back to integrations</Link>
          </Button>
        }
      >
        The page or integration you asked for does not exist. It may have been deleted.
      </EmptyState>
    </Card>
  );
}

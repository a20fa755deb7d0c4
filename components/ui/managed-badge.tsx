// "Managed by config": the resource was created or last changed by `tether apply`; a hand edit is overwritten by the next apply.
import { FileCode2 } from "lucide-react";
import { Badge } from "./badge";

export function ManagedBadge({ managedBy }: { managedBy: string | null | undefined }) {
  if (managedBy !== "config") return null;
  return (
    <Badge tone="accent" title="Declared in a tether.yaml: the next tether apply overwrites hand edits" data-testid="managed-by-config">
      <FileCode2 className="size-3" aria-hidden />
      Managed by config
    </Badge>
  );
}

export function ManagedWarning({ managedBy }: { managedBy: string | null | undefined }) {
  if (managedBy !== "config") return null;
  return (
    <p role="note" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn-fg">
      This is managed by config (tether.yaml). A change made here is undone by the next <code>tether apply</code>; change the file instead.
    </p>
  );
}

"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { KeyRound, LogOut, MonitorSmartphone, UserRound } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useViewer } from "./viewer-context";

export function UserMenu() {
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" size="sm" className="gap-2">
          <UserRound aria-hidden />
          {/* The name is the visible text (WCAG 2.5.3), with what the button is for in front. */}
          <span className="sr-only">Account: </span>
          <span className="max-w-40 truncate max-sm:sr-only">{viewer.label}</span>
          <Badge className="hidden sm:inline-flex">{viewer.role}</Badge>
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border bg-card p-1 text-sm shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="font-medium text-foreground">{viewer.label}</span> ({viewer.role})
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none data-highlighted:bg-muted">
            <Link href="/settings/account">
              <MonitorSmartphone className="size-4" /> Account and sessions
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none data-highlighted:bg-muted">
            <Link href="/settings/tokens">
              <KeyRound className="size-4" /> API tokens
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            onSelect={() => void signOut({ callbackUrl: "/signin" })}
            className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none data-highlighted:bg-muted"
          >
            <LogOut className="size-4" /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

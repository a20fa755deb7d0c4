"use client";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** The app's own chrome (top navigation) everywhere but on public status pages, which stand alone. */
export function SignedInChrome({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return pathname.startsWith("/status/") ? null : children;
}

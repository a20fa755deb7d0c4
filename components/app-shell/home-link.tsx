"use client";
import Link from "next/link";
import { useViewer } from "./viewer-context";

/**
 * The logo link. Signed out, it is not prefetched: the prefetch of `/` would be answered with the redirect to
 * sign-in, and a router that kept that answer would send a freshly signed-in person back to sign-in.
 */
export function HomeLink() {
  const viewer = useViewer();
  return (
    <Link href="/" prefetch={viewer ? undefined : false} className="flex items-center gap-2 font-semibold tracking-tight" aria-label="Tether home">
      <svg viewBox="0 0 24 24" className="size-5 text-accent" aria-hidden>
        <circle cx="6" cy="12" r="3.2" fill="currentColor" />
        <circle cx="18" cy="12" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M9.2 12h5.6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      Tether
    </Link>
  );
}

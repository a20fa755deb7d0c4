import Link from "next/link";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function TopNav() {
  return (
    <header className="sticky top-0 z-30 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight" aria-label="Tether home">
          <svg viewBox="0 0 24 24" className="size-5 text-accent" aria-hidden>
            <circle cx="6" cy="12" r="3.2" fill="currentColor" />
            <circle cx="18" cy="12" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M9.2 12h5.6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          Tether
        </Link>
        <NavLinks />
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}

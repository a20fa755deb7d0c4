import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SentryClient } from "@/components/app-shell/sentry-client";
import { SignedInChrome } from "@/components/app-shell/signed-in-chrome";
import { TopNav } from "@/components/app-shell/top-nav";
import { currentPrincipal } from "@/lib/auth/page";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tether", template: "%s · Tether" },
  description: "Health of the third-party integrations your product depends on.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [principal, h] = await Promise.all([currentPrincipal(), headers()]);
  const viewer = principal ? { label: principal.label, role: principal.role } : null;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <SentryClient />
        <Providers viewer={viewer} nonce={h.get("x-nonce") ?? undefined}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-card focus:px-3 focus:py-1.5"
          >
            Skip to content
          </a>
          <SignedInChrome>
            <TopNav />
          </SignedInChrome>
          <main id="main" className="mx-auto w-full max-w-7xl px-4 pt-5 pb-16 sm:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}

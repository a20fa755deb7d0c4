"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { ThemeProvider } from "next-themes";
import { useState, type ReactNode } from "react";
import { ViewerProvider, type Viewer } from "@/components/app-shell/viewer-context";

export function Providers({ children, viewer, nonce }: { children: ReactNode; viewer: Viewer | null; nonce?: string }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 2_000, retry: (count, err) => count < 2 && ![401, 403, 404].includes((err as { status?: number }).status ?? 0) },
        },
      }),
  );
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={client}>
        <ViewerProvider viewer={viewer}>
          <TooltipPrimitive.Provider delayDuration={300}>{children}</TooltipPrimitive.Provider>
        </ViewerProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}

"use client";
import { createContext, useContext, type ReactNode } from "react";
import { atLeast, type Role } from "@/lib/auth/roles";

export interface Viewer {
  label: string;
  role: Role;
}

const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in person, as the server resolved them for this page. Hides controls; the server still enforces. */
export function ViewerProvider({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

export function useCan(role: Role): boolean {
  const viewer = useViewer();
  return !!viewer && atLeast(viewer.role, role);
}

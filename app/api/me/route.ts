import { route } from "@/lib/api/handler";

/** Who the caller is, as the server sees them: for scripts checking a token, and for the UI. */
export const GET = route("viewer", async (_req, { principal }) => ({ kind: principal.kind, role: principal.role, label: principal.label }));

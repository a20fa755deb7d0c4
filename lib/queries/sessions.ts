// Reads and writes of signed-in sessions: one's own (the account page), and a user's as an admin ends them.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { SessionView } from "../auth/sessions";
import { adminKeys } from "./admin";
import { api } from "./api-client";

export const sessionKeys = { own: ["sessions"] as const };

export const sessionQueries = {
  own: () => queryOptions({ queryKey: sessionKeys.own, queryFn: () => api<SessionView[]>("/api/sessions") }),
};

export const sessionActions = {
  endOne: () =>
    mutationOptions({
      mutationFn: (id: string) => api<void>(`/api/sessions/${id}`, { method: "DELETE" }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: sessionKeys.own }),
    }),
  /** Ends every session of the caller, this one included: the page then signs out of this browser. */
  signOutEverywhere: () => mutationOptions({ mutationFn: () => api<{ ended: number }>("/api/sessions", { method: "DELETE" }) }),
  /** An admin ends all sessions of a user. */
  endUserSessions: () =>
    mutationOptions({
      mutationFn: (userId: string) => api<{ ended: number }>(`/api/users/${userId}/sessions`, { method: "DELETE" }),
      onSettled: (_data, _error, _vars, _r, { client }) => client.invalidateQueries({ queryKey: adminKeys.users }),
    }),
};

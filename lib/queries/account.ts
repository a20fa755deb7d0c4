// Writes of the signed-out visitor: creating the first (admin) account on a fresh install. Sign-in itself goes
// through next-auth's client (`signIn`), which sets the session cookie.
import { api } from "./api-client";

export interface FirstAccount {
  email: string;
  password: string;
  name?: string;
}

export const accountActions = {
  /** Creates the first account (only while there is none); the form then signs in with it. */
  createFirstAccount: (input: FirstAccount) => api("/api/setup", { method: "POST", json: input }),
};

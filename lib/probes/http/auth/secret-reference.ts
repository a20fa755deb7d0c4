// A credential field that must name a stored secret rather than hold the value: the config is stored and shown in
// plain text, the secret is stored encrypted and filled in only for the outgoing request.
import { z } from "zod";

const ONLY_A_PLACEHOLDER = /^\{\{\s*secret\.[A-Z][A-Z0-9_]*\s*\}\}$/;

export const secretReference = (what: string, example: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}, e.g. {{secret.${example}}}`)
    .regex(ONLY_A_PLACEHOLDER, `The ${what} must be a secret reference, e.g. {{secret.${example}}}`);

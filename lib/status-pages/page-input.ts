// What an editor may store as a status page, checked at the boundary: a slug for its URL, its words, who may read
// it, and its components grouped. A component is one integration, every integration with a tag, or a named set.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/passwords";

export const STATUS_PAGE_ACCESS = ["public", "password", "signed_in"] as const;
export type StatusPageAccess = (typeof STATUS_PAGE_ACCESS)[number];

export const componentSourceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("integration"), id: z.uuid("Choose an integration") }),
    z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1, "Enter a tag").max(40, "Keep the tag under 40 characters") }),
    z.object({ kind: z.literal("set"), ids: z.array(z.uuid("Choose integrations")).min(1, "Choose at least one integration").max(100) }),
  ],
  { error: "A component is an integration, a tag or a set of integrations" },
);
export type ComponentSource = z.infer<typeof componentSourceSchema>;

export const componentSchema = z.object({
  /** Stable across edits, so a Statuspage client can follow a component; new ones get one. */
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default(() => randomUUID().slice(0, 12)),
  name: z.string().trim().min(1, "Name the component").max(80, "Keep the name under 80 characters"),
  source: componentSourceSchema,
});
export type StatusComponentConfig = z.infer<typeof componentSchema>;

export const groupSchema = z.object({
  name: z.string().trim().max(80, "Keep the group name under 80 characters").default(""),
  components: z.array(componentSchema).min(1, "A group needs at least one component").max(100),
});
export type StatusGroupConfig = z.infer<typeof groupSchema>;

export const groupsSchema = z.array(groupSchema).max(20, "At most 20 groups");

export const statusPageInputSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "Use 1–48 lowercase letters, digits and dashes, starting and ending with a letter or digit"),
    title: z.string().trim().min(1, "Give the page a title").max(100, "Keep the title under 100 characters"),
    description: z.string().trim().max(1000, "Keep the description under 1,000 characters").default(""),
    logoUrl: z
      .string()
      .trim()
      .max(2000)
      .refine((v) => v === "" || /^https?:\/\//i.test(v), "The logo must be an http(s) URL")
      .nullish()
      .transform((v) => v || null),
    /** A host name that serves this page at `/` (point its DNS at Tether); empty for none. */
    customHost: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .refine((v) => v === "" || /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v), "Enter a host name such as status.example.com")
      .nullish()
      .transform((v) => v || null),
    access: z.enum(STATUS_PAGE_ACCESS, { error: "Choose public, password or signed-in" }).default("public"),
    /** Only sent to set or change it; an update without it keeps the stored hash. */
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
    groups: groupsSchema.default([]),
    /** The SMTP notification channel that sends subscriber email; none turns email subscriptions off. */
    emailChannelId: z.uuid("Choose an SMTP channel").nullish(),
  })
  .strict();
export type StatusPageInput = z.infer<typeof statusPageInputSchema>;

/** Stored groups read back; a row that no longer parses shows no components rather than failing the page. */
export function storedGroups(value: unknown): StatusGroupConfig[] {
  const parsed = groupsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Every integration a component names directly (tags are resolved against the integrations' own tags). */
export function memberIds(source: ComponentSource): string[] {
  return source.kind === "integration" ? [source.id] : source.kind === "set" ? source.ids : [];
}

/** What a client sends (component ids may be left out; new ones get one). */
export type StatusPageDraft = z.input<typeof statusPageInputSchema>;

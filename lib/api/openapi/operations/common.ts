// Path parameters shared by many operations.
import { z } from "zod";

export const idParam = z.object({ id: z.uuid() });
/** Webhook events and outbound deliveries have decimal ids. */
export const numericIdParam = z.object({ id: z.string().regex(/^\d+$/) });

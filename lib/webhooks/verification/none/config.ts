import { z } from "zod";
import { defineScheme, headerName } from "../fields";

export const noneVerificationConfigSchema = z.object({ eventIdHeader: headerName.optional() });
export type NoneVerificationConfig = z.infer<typeof noneVerificationConfigSchema>;

export const noneScheme = defineScheme({ label: "No verification", configSchema: noneVerificationConfigSchema, secret: null });

// Azure Storage credentials for an HTTP check: Shared Key (the account name and one of its two keys) or a SAS token
// (a signed query string scoped and timed by whoever issued it). Pure zod; the signing is ./azure-blob.ts.
import { z } from "zod";
import { secretReference } from "./secret-reference";

export const azureSharedKeyAuthSchema = z.object({
  type: z.literal("azure_shared_key"),
  accountName: z
    .string()
    .trim()
    .min(1, "Enter the storage account name")
    .regex(/^([a-z0-9]{3,24}|\{\{\s*secret\.[A-Z][A-Z0-9_]*\s*\}\})$/, "A storage account name is 3 to 24 lower-case letters and digits"),
  accountKey: secretReference("account key", "AZURE_STORAGE_KEY"),
});
export type AzureSharedKeyAuth = z.infer<typeof azureSharedKeyAuthSchema>;

export const azureSasAuthSchema = z.object({
  type: z.literal("azure_sas"),
  sasToken: secretReference("SAS token", "AZURE_STORAGE_SAS"),
});
export type AzureSasAuth = z.infer<typeof azureSasAuthSchema>;

/** The form's text for both Azure types, kept while another auth type is chosen. */
export interface AzureBlobForm {
  accountName: string;
  accountKey: string;
  sasToken: string;
}

export function azureBlobFormFrom(auth: { type: string } | undefined): AzureBlobForm {
  const key = auth?.type === "azure_shared_key" ? (auth as AzureSharedKeyAuth) : undefined;
  const sas = auth?.type === "azure_sas" ? (auth as AzureSasAuth) : undefined;
  return { accountName: key?.accountName ?? "", accountKey: key?.accountKey ?? "", sasToken: sas?.sasToken ?? "" };
}

export const azureSharedKeyAuthFrom = (f: AzureBlobForm): z.input<typeof azureSharedKeyAuthSchema> => ({
  type: "azure_shared_key",
  accountName: f.accountName,
  accountKey: f.accountKey,
});

export const azureSasAuthFrom = (f: AzureBlobForm): z.input<typeof azureSasAuthSchema> => ({ type: "azure_sas", sasToken: f.sasToken });

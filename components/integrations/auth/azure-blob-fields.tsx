"use client";
import type { AzureBlobForm } from "@/lib/probes/http/auth/azure-blob-config";
import { CredentialFields, type CredentialFieldSpec } from "./credential-fields";

const SHARED_KEY: CredentialFieldSpec<keyof AzureBlobForm>[] = [
  { key: "accountName", label: "Account name", placeholder: "mystorageaccount", hint: "The storage account, as in its URL" },
  { key: "accountKey", label: "Account key", placeholder: "{{secret.AZURE_STORAGE_KEY}}", hint: "A secret reference to key1 or key2 (Access keys)" },
];
const SAS: CredentialFieldSpec<keyof AzureBlobForm>[] = [
  {
    key: "sasToken",
    label: "SAS token",
    placeholder: "{{secret.AZURE_STORAGE_SAS}}",
    hint: "A secret reference to the token (sv=…&sig=…), with read and list rights",
  },
];

/** Azure Storage credentials: the account name and key for Shared Key, or the SAS token. */
export function AzureBlobFields({
  type,
  ...props
}: {
  type: "azure_shared_key" | "azure_sas";
  value: AzureBlobForm;
  onChange: (next: AzureBlobForm) => void;
  error: (path: string) => string | undefined;
}) {
  return type === "azure_sas" ? (
    <CredentialFields idPrefix="azureBlob" fields={SAS} className="grid" {...props} />
  ) : (
    <CredentialFields idPrefix="azureBlob" fields={SHARED_KEY} className="grid grid-cols-2 gap-2" {...props} />
  );
}

"use client";
import { Plus, X } from "lucide-react";
import { HTTP_METHODS } from "@/lib/probes/http/config";
import { sendsBody, type HttpAuthType, type HttpFormState } from "@/lib/probes/http/form";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { AwsSigV4Fields } from "./auth/aws-sigv4-fields";
import { AzureBlobFields } from "./auth/azure-blob-fields";
import { AssertionsEditor } from "./assertions-editor";
import { FormSection } from "./form-section";

type TextKey = { [K in keyof HttpFormState]: HttpFormState[K] extends string ? K : never }[keyof HttpFormState];

/** A labelled monospace text input bound to one form key, with the error of its config path. */
function TextField({
  name,
  label,
  path,
  state,
  set,
  error,
  placeholder,
  hint,
  className,
}: {
  name: TextKey;
  label: string;
  path: string;
  state: HttpFormState;
  set: (key: TextKey, value: string) => void;
  error: (path: string) => string | undefined;
  placeholder?: string;
  hint?: string;
  className?: string;
}) {
  return (
    <Field id={name} label={label} error={error(path)} hint={hint} className={className}>
      <Input
        {...describedBy(name, error(path))}
        value={state[name]}
        onChange={(e) => set(name, e.target.value)}
        placeholder={placeholder}
        className="font-mono text-xs"
      />
    </Field>
  );
}

/** The HTTP check's own part of the integration form: the request it sends and what counts as healthy. */
export function HttpFields({
  state,
  set,
  error: err,
}: {
  state: HttpFormState;
  set: <K extends keyof HttpFormState>(key: K, value: HttpFormState[K]) => void;
  error: (path: string) => string | undefined;
}) {
  const text = { state, set: set as (key: TextKey, value: string) => void, error: err };
  return (
    <>
      <FormSection title="Request" description="The request each probe sends.">
        <div className="grid gap-4 sm:col-span-2 sm:grid-cols-[8rem_1fr]">
          <Field id="method" label="Method">
            <Select id="method" value={state.method} onValueChange={(v) => set("method", v)} options={HTTP_METHODS.map((m) => ({ value: m, label: m }))} />
          </Field>
          <Field id="url" label="URL" error={err("config.url")}>
            <Input
              {...describedBy("url", err("config.url"))}
              value={state.url}
              onChange={(e) => set("url", e.target.value)}
              placeholder="https://api.example.com/health"
              className="font-mono text-xs"
              inputMode="url"
            />
          </Field>
        </div>
        <Field id="authType" label="Authentication" hint="Values usually reference secrets, e.g. {{secret.API_TOKEN}}">
          <Select
            id="authType"
            value={state.authType}
            onValueChange={(v) => set("authType", v as HttpAuthType)}
            options={[
              { value: "none", label: "None" },
              { value: "bearer", label: "Bearer token" },
              { value: "basic", label: "Basic (username and password)" },
              { value: "api_key", label: "API key (header or query)" },
              { value: "oauth2_client_credentials", label: "OAuth2 client credentials" },
              { value: "google_service_account", label: "Google service account (JSON key)" },
              { value: "aws_sigv4", label: "AWS Signature V4 (S3)" },
              { value: "azure_shared_key", label: "Azure Storage Shared Key" },
              { value: "azure_sas", label: "Azure Storage SAS token" },
            ]}
          />
        </Field>
        {state.authType === "bearer" ? (
          <Field id="authToken" label="Token" error={err("config.auth.token")}>
            <Input
              {...describedBy("authToken", err("config.auth.token"))}
              value={state.authToken}
              onChange={(e) => set("authToken", e.target.value)}
              placeholder="{{secret.API_TOKEN}}"
              className="font-mono text-xs"
            />
          </Field>
        ) : state.authType === "basic" ? (
          <div className="grid grid-cols-2 gap-2">
            <Field id="authUsername" label="Username" error={err("config.auth.username")}>
              <Input
                {...describedBy("authUsername", err("config.auth.username"))}
                value={state.authUsername}
                onChange={(e) => set("authUsername", e.target.value)}
                className="font-mono text-xs"
              />
            </Field>
            <Field id="authPassword" label="Password" error={err("config.auth.password")}>
              <Input
                {...describedBy("authPassword", err("config.auth.password"))}
                value={state.authPassword}
                onChange={(e) => set("authPassword", e.target.value)}
                placeholder="{{secret.PASSWORD}}"
                className="font-mono text-xs"
              />
            </Field>
          </div>
        ) : state.authType === "api_key" ? (
          <div className="grid grid-cols-[1fr_1fr_6rem] gap-2">
            <Field id="apiKeyName" label="Name" error={err("config.auth.name")}>
              <Input
                {...describedBy("apiKeyName", err("config.auth.name"))}
                value={state.apiKeyName}
                onChange={(e) => set("apiKeyName", e.target.value)}
                className="font-mono text-xs"
              />
            </Field>
            <Field id="apiKeyValue" label="Key" error={err("config.auth.value")}>
              <Input
                {...describedBy("apiKeyValue", err("config.auth.value"))}
                value={state.apiKeyValue}
                onChange={(e) => set("apiKeyValue", e.target.value)}
                placeholder="{{secret.API_KEY}}"
                className="font-mono text-xs"
              />
            </Field>
            <Field id="apiKeyIn" label="In">
              <Select
                id="apiKeyIn"
                value={state.apiKeyIn}
                onValueChange={(v) => set("apiKeyIn", v as "header" | "query")}
                options={[
                  { value: "header", label: "header" },
                  { value: "query", label: "query" },
                ]}
              />
            </Field>
          </div>
        ) : state.authType === "oauth2_client_credentials" ? (
          <div className="grid gap-2">
            <TextField
              {...text}
              name="tokenUrl"
              label="Token URL"
              path="config.auth.tokenUrl"
              placeholder="https://auth.example.com/oauth2/token"
              hint="Tether asks it for a token (client ID and secret as basic auth) and reuses the token until it expires"
            />
            <div className="grid grid-cols-2 gap-2">
              <TextField {...text} name="clientId" label="Client ID" path="config.auth.clientId" placeholder="{{secret.CLIENT_ID}}" />
              <TextField {...text} name="clientSecret" label="Client secret" path="config.auth.clientSecret" placeholder="{{secret.CLIENT_SECRET}}" />
            </div>
            <TextField {...text} name="oauthScope" label="Scope" path="config.auth.scope" hint="Optional, space-separated" />
          </div>
        ) : state.authType === "google_service_account" ? (
          <div className="grid gap-2">
            <TextField
              {...text}
              name="googleKey"
              label="Service-account key"
              path="config.auth.keyJson"
              placeholder="{{secret.GCP_SERVICE_ACCOUNT_KEY}}"
              hint="A secret holding the whole JSON key file; Tether signs a JWT with it and exchanges it for a token"
            />
            <TextField {...text} name="googleScope" label="Scope" path="config.auth.scope" />
          </div>
        ) : state.authType === "aws_sigv4" ? (
          <AwsSigV4Fields value={state.awsSigV4} onChange={(v) => set("awsSigV4", v)} error={err} />
        ) : state.authType === "azure_shared_key" || state.authType === "azure_sas" ? (
          <AzureBlobFields type={state.authType} value={state.azureBlob} onChange={(v) => set("azureBlob", v)} error={err} />
        ) : (
          <div />
        )}
        <div className="grid gap-1.5 sm:col-span-2">
          <span className="text-xs font-medium">Headers</span>
          {state.headers.map((h, idx) => (
            <div key={idx} className="grid grid-cols-[1fr_2fr_auto] gap-2">
              <Input
                aria-label={`Header ${idx + 1} name`}
                aria-invalid={!!err(`config.headers.${idx}.name`) || undefined}
                value={h.name}
                placeholder="Accept"
                className="font-mono text-xs"
                onChange={(e) =>
                  set(
                    "headers",
                    state.headers.map((x, j) => (j === idx ? { ...x, name: e.target.value } : x)),
                  )
                }
              />
              <Input
                aria-label={`Header ${idx + 1} value`}
                value={h.value}
                placeholder="application/json"
                className="font-mono text-xs"
                onChange={(e) =>
                  set(
                    "headers",
                    state.headers.map((x, j) => (j === idx ? { ...x, value: e.target.value } : x)),
                  )
                }
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove header ${idx + 1}`}
                onClick={() =>
                  set(
                    "headers",
                    state.headers.filter((_, j) => j !== idx),
                  )
                }
              >
                <X />
              </Button>
              {err(`config.headers.${idx}.name`) ? <p className="col-span-3 text-xs text-bad">{err(`config.headers.${idx}.name`)}</p> : null}
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => set("headers", [...state.headers, { name: "", value: "" }])}>
              <Plus /> Add header
            </Button>
            <span className="ml-2 text-xs text-muted-foreground">
              For API keys write <code className="font-mono">{"{{secret.API_KEY}}"}</code> and set its value under Secrets on the integration page: it is stored
              encrypted.
            </span>
          </div>
        </div>
        {sendsBody(state.method) ? (
          <Field id="body" label="Body" error={err("config.body")} className="sm:col-span-2">
            <Textarea
              {...describedBy("body", err("config.body"))}
              value={state.body}
              onChange={(e) => set("body", e.target.value)}
              placeholder='{"ping": true}'
            />
          </Field>
        ) : null}
      </FormSection>

      <FormSection title="Checks" description="What counts as healthy. A run that fails any check is a failure with its own error class.">
        <Field id="expectedStatus" label="Expected status" error={err("config.expectedStatus")} hint="e.g. 2xx, 200,204 or 200-299">
          <Input
            {...describedBy("expectedStatus", err("config.expectedStatus"))}
            value={state.expectedStatus}
            onChange={(e) => set("expectedStatus", e.target.value)}
            className="font-mono text-xs"
          />
        </Field>
        <Field id="latencyBudgetMs" label="Latency budget (ms)" error={err("config.latencyBudgetMs")} hint="Optional: slower runs fail with latency_budget">
          <Input
            {...describedBy("latencyBudgetMs", err("config.latencyBudgetMs"))}
            value={state.latencyBudgetMs}
            onChange={(e) => set("latencyBudgetMs", e.target.value)}
            inputMode="numeric"
            placeholder="none"
          />
        </Field>
        <Field
          id="trackShape"
          label="Track the response's shape"
          hint="Flags a JSON key gone or retyped between runs; switch off for bodies whose keys are data"
        >
          <div>
            <Switch id="trackShape" checked={state.trackShape} onCheckedChange={(v) => set("trackShape", v)} aria-label="Track the response's shape" />
          </div>
        </Field>
        <Field
          id="minHeadroom"
          label="Min rate-limit headroom (%)"
          error={err("config.minRateLimitHeadroomPercent")}
          hint="Optional: fail when the provider's remaining quota is lower"
        >
          <Input
            {...describedBy("minHeadroom", err("config.minRateLimitHeadroomPercent"))}
            value={state.minHeadroom}
            onChange={(e) => set("minHeadroom", e.target.value)}
            inputMode="numeric"
            placeholder="none"
          />
        </Field>
        <TextField
          {...text}
          name="requiredScopes"
          label="Required scopes"
          path="config.requiredScopes"
          placeholder="none"
          hint="Optional: scopes the token must carry (x-oauth-scopes); a missing one is a warning, not a failure"
        />
        <TextField
          {...text}
          name="statusUrl"
          label="Provider status page"
          path="config.statusUrl"
          placeholder="none"
          hint="Optional: a Statuspage summary.json or Slack's status API, shown beside this check"
        />
        <AssertionsEditor rows={state.assertions} onChange={(rows) => set("assertions", rows)} error={err} />
      </FormSection>
    </>
  );
}

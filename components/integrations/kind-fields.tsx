"use client";
import type { IntegrationKind } from "@/lib/probes/kinds";
import type { FieldSpec } from "@/lib/probes/shared/kind-info";
import { assertionRowsOf, visibleFields, type RawConfig } from "@/lib/probes/kind-form";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/cn";
import { AssertionsEditor } from "./assertions-editor";

/** The connection fields of a non-HTTP kind, generated from the kind catalogue. */
export function KindFields({
  kind,
  raw,
  onChange,
  error,
}: {
  kind: IntegrationKind;
  raw: RawConfig;
  onChange: (key: string, value: string | boolean) => void;
  error: (path: string) => string | undefined;
}) {
  return (
    <>
      {visibleFields(kind, raw).map((f) =>
        f.type === "assertions" ? (
          <div key={f.key} className="grid gap-1 sm:col-span-2">
            <AssertionsEditor
              rows={assertionRowsOf(raw[f.key])}
              onChange={(rows) => onChange(f.key, JSON.stringify(rows))}
              error={error}
              path={`config.${f.key}`}
            />
            {f.hint ? <p className="text-xs text-muted-foreground">{f.hint}</p> : null}
          </div>
        ) : (
          <KindField key={f.key} field={f} value={raw[f.key]} onChange={(v) => onChange(f.key, v)} error={error(`config.${f.key}`)} />
        ),
      )}
    </>
  );
}

function KindField({
  field: f,
  value,
  onChange,
  error,
}: {
  field: FieldSpec;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
  error?: string;
}) {
  const id = `cfg-${f.key.replace(/\W/g, "-")}`;
  const text = typeof value === "string" ? value : "";
  if (f.type === "switch") {
    return (
      <label className={cn("flex items-center gap-2 self-end pb-1.5 text-sm", f.wide && "sm:col-span-2")}>
        <Switch checked={value === true} onCheckedChange={onChange} aria-label={f.label} />
        {f.label}
      </label>
    );
  }
  return (
    <Field id={id} label={f.label} hint={f.hint} error={error} className={cn(f.wide && "sm:col-span-2")}>
      {f.type === "select" ? (
        <Select id={id} value={text || f.options[0]!.value} onValueChange={onChange} options={f.options} invalid={!!error} />
      ) : f.type === "textarea" || f.type === "lines" || f.type === "headers" || f.type === "json" ? (
        <Textarea
          {...describedBy(id, error)}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          placeholder={f.placeholder}
          rows={f.type === "textarea" ? 3 : 4}
        />
      ) : (
        <Input
          {...describedBy(id, error)}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          placeholder={f.placeholder}
          inputMode={f.type === "number" ? "numeric" : undefined}
          className={cn(f.type !== "number" && "font-mono text-xs")}
          autoComplete="off"
        />
      )}
    </Field>
  );
}

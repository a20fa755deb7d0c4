"use client";
// The list of a check's assertions as rows: source, property, comparison and value, or a JSON Schema (pasted or an
// OpenAPI operation). Rows are added, removed and moved with buttons; focus follows the row, errors sit in the row.
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import { useEffect, useRef } from "react";
import { moveRow, newAssertionRow, withSource, type AssertionRow, type AssertionRowSource } from "@/lib/probes/shared/assertions/form";
import {
  ASSERTION_SOURCES,
  COMPARISON_LABELS,
  COMPARISONS_BY_SOURCE,
  MAX_ASSERTIONS,
  OPENAPI_METHODS,
  SOURCE_LABELS,
  UNARY_COMPARISONS,
  type AssertionComparison,
} from "@/lib/probes/shared/assertions/schema";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const SOURCE_OPTIONS = [...ASSERTION_SOURCES, "json_schema" as const].map((s) => ({ value: s, label: SOURCE_LABELS[s] }));
const METHOD_OPTIONS = OPENAPI_METHODS.map((m) => ({ value: m, label: m.toUpperCase() }));

const PROPERTY_LABEL: Partial<Record<AssertionRowSource, { label: string; placeholder: string }>> = {
  header: { label: "Header name", placeholder: "content-type" },
  json_path: { label: "JSON path", placeholder: "$.status" },
};

function AssertionRowFields({
  row,
  index,
  count,
  path,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  row: AssertionRow;
  index: number;
  count: number;
  /** The config path of the list, e.g. config.assertions. */
  path: string;
  error: (path: string) => string | undefined;
  onChange: (row: AssertionRow) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const id = (field: string) => `${row.id}-${field}`;
  const err = (field: string) => error(`${path}.${index}.${field}`);
  const property = PROPERTY_LABEL[row.source];
  const unary = UNARY_COMPARISONS.includes(row.comparison);
  const set = <K extends keyof AssertionRow>(key: K, value: AssertionRow[K]) => onChange({ ...row, [key]: value });
  return (
    <li className="grid gap-2 rounded-md border bg-card p-3" aria-label={`Assertion ${n}`} data-testid="assertion-row">
      <div className="flex flex-wrap items-end gap-2">
        <Field id={id("source")} label="Check" className="w-44" error={err("source")}>
          <Select
            id={id("source")}
            aria-label={`Assertion ${n}: what to check`}
            value={row.source}
            onValueChange={(v) => onChange(withSource(row, v as AssertionRowSource))}
            options={SOURCE_OPTIONS}
            invalid={!!err("source")}
          />
        </Field>
        {row.source === "json_schema" ? (
          <Field id={id("schemaFrom")} label="Schema from" className="w-48">
            <Select
              id={id("schemaFrom")}
              aria-label={`Assertion ${n}: schema from`}
              value={row.schemaFrom}
              onValueChange={(v) => set("schemaFrom", v as AssertionRow["schemaFrom"])}
              options={[
                { value: "pasted", label: "Pasted JSON Schema" },
                { value: "openapi", label: "OpenAPI operation" },
              ]}
            />
          </Field>
        ) : (
          <>
            {property ? (
              <Field id={id("property")} label={property.label} className="min-w-40 flex-1" error={err("property")}>
                <Input
                  {...describedBy(id("property"), err("property"))}
                  aria-label={`Assertion ${n}: ${property.label.toLowerCase()}`}
                  value={row.property}
                  onChange={(e) => set("property", e.target.value)}
                  placeholder={property.placeholder}
                  className="font-mono text-xs"
                />
              </Field>
            ) : null}
            <Field id={id("comparison")} label="Comparison" className="w-44" error={err("comparison")}>
              <Select
                id={id("comparison")}
                aria-label={`Assertion ${n}: comparison`}
                value={row.comparison}
                onValueChange={(v) => set("comparison", v as AssertionComparison)}
                options={COMPARISONS_BY_SOURCE[row.source].map((c) => ({ value: c, label: COMPARISON_LABELS[c] }))}
                invalid={!!err("comparison")}
              />
            </Field>
            {unary ? null : (
              <Field id={id("target")} label={row.comparison === "matches" ? "Pattern (RE2)" : "Value"} className="min-w-32 flex-1" error={err("target")}>
                <Input
                  {...describedBy(id("target"), err("target"))}
                  aria-label={`Assertion ${n}: ${row.comparison === "matches" ? "pattern" : "value"}`}
                  value={row.target}
                  onChange={(e) => set("target", e.target.value)}
                  className="font-mono text-xs"
                />
              </Field>
            )}
          </>
        )}
        <div className="ml-auto flex gap-1" role="group" aria-label={`Assertion ${n} order`}>
          <Button id={id("up")} variant="ghost" size="icon" aria-label={`Move assertion ${n} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp />
          </Button>
          <Button id={id("down")} variant="ghost" size="icon" aria-label={`Move assertion ${n} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown />
          </Button>
          <Button id={id("remove")} variant="ghost" size="icon" aria-label={`Remove assertion ${n}`} onClick={onRemove}>
            <X />
          </Button>
        </div>
      </div>
      {row.source === "json_schema" && row.schemaFrom === "pasted" ? (
        <Field id={id("schema")} label="JSON Schema" error={err("schema")} hint="draft-07, or 2020-12 when its $schema says so; every violation is listed">
          <Textarea
            {...describedBy(id("schema"), err("schema"))}
            value={row.schemaText}
            onChange={(e) => set("schemaText", e.target.value)}
            placeholder='{ "type": "object", "required": ["id"] }'
            className="font-mono text-xs"
          />
        </Field>
      ) : row.source === "json_schema" ? (
        <div className="grid gap-2 sm:grid-cols-[2fr_1fr_6rem_5rem]">
          <Field id={id("openapiUrl")} label="OpenAPI document URL" error={err("openapi.url") ?? err("schema")}>
            <Input
              {...describedBy(id("openapiUrl"), err("openapi.url") ?? err("schema"))}
              value={row.openapiUrl}
              onChange={(e) => set("openapiUrl", e.target.value)}
              placeholder="https://api.example.com/openapi.json"
              className="font-mono text-xs"
              inputMode="url"
            />
          </Field>
          <Field id={id("openapiPath")} label="Path" error={err("openapi.path")}>
            <Input
              {...describedBy(id("openapiPath"), err("openapi.path"))}
              value={row.openapiPath}
              onChange={(e) => set("openapiPath", e.target.value)}
              placeholder="/v1/users/{id}"
              className="font-mono text-xs"
            />
          </Field>
          <Field id={id("openapiMethod")} label="Method" error={err("openapi.method")}>
            <Select
              id={id("openapiMethod")}
              aria-label={`Assertion ${n}: operation method`}
              value={row.openapiMethod}
              onValueChange={(v) => set("openapiMethod", v as AssertionRow["openapiMethod"])}
              options={METHOD_OPTIONS}
            />
          </Field>
          <Field id={id("openapiStatus")} label="Status" error={err("openapi.status")}>
            <Input
              {...describedBy(id("openapiStatus"), err("openapi.status"))}
              value={row.openapiStatus}
              onChange={(e) => set("openapiStatus", e.target.value)}
              placeholder="200"
              className="font-mono text-xs"
            />
          </Field>
        </div>
      ) : null}
    </li>
  );
}

/** Edits a check's assertions; `path` is where their errors are (config.assertions). */
export function AssertionsEditor({
  rows,
  onChange,
  error,
  path = "config.assertions",
}: {
  rows: AssertionRow[];
  onChange: (rows: AssertionRow[]) => void;
  error: (path: string) => string | undefined;
  path?: string;
}) {
  // Where focus goes after the list changes: the moved row's button, the next row, or the add button.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const target = document.getElementById(focusNext.current) as HTMLButtonElement | null;
    focusNext.current = null;
    target?.focus();
  });
  const listError = error(path);
  return (
    <div className="grid gap-2 sm:col-span-2">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-xs font-medium" id="assertions-label">
          Assertions
        </span>
        <span className="text-xs text-muted-foreground">Checked in order after the status; a run fails when any fails, naming each.</span>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed p-3 text-xs text-muted-foreground">No assertions: any response with the expected status passes.</p>
      ) : (
        <ol className="grid gap-2" aria-labelledby="assertions-label">
          {rows.map((row, index) => (
            <AssertionRowFields
              key={row.id}
              row={row}
              index={index}
              count={rows.length}
              path={path}
              error={error}
              onChange={(next) => onChange(rows.map((r) => (r.id === row.id ? next : r)))}
              onMove={(by) => {
                const to = index + by;
                // The same button, unless it is now disabled at the end of the list.
                focusNext.current = `${row.id}-${(by === -1 && to === 0) || (by === 1 && to === rows.length - 1) ? (by === -1 ? "down" : "up") : by === -1 ? "up" : "down"}`;
                onChange(moveRow(rows, index, by));
              }}
              onRemove={() => {
                const next = rows[index + 1] ?? rows[index - 1];
                focusNext.current = next ? `${next.id}-remove` : "add-assertion";
                onChange(rows.filter((r) => r.id !== row.id));
              }}
            />
          ))}
        </ol>
      )}
      {listError ? (
        <p role="alert" className="text-xs text-bad-fg">
          {listError}
        </p>
      ) : null}
      <div>
        <Button
          id="add-assertion"
          size="sm"
          disabled={rows.length >= MAX_ASSERTIONS}
          onClick={() => {
            const row = newAssertionRow();
            focusNext.current = `${row.id}-source`;
            onChange([...rows, row]);
          }}
        >
          <Plus /> Add assertion
        </Button>
      </div>
    </div>
  );
}

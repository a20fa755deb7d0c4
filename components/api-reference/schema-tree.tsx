import type { SchemaField, SchemaNode } from "@/lib/api/openapi/reference";

/** A schema's facts on one line: type, nullable, allowed values, bounds. */
function SchemaFacts({ node }: { node: SchemaNode }) {
  return (
    <>
      <span className="font-mono text-xs text-accent">{node.type}</span>
      {node.nullable && <span className="font-mono text-xs text-muted-foreground"> | null</span>}
      {node.values && (
        <span className="ml-2 text-xs text-muted-foreground">
          {node.values.length === 1 ? "always " : "one of "}
          {node.values.map((v, i) => (
            <span key={v}>
              {i > 0 && ", "}
              <code className="rounded bg-muted px-1 font-mono">{v}</code>
            </span>
          ))}
        </span>
      )}
      {node.constraints.length > 0 && <span className="ml-2 text-xs text-muted-foreground">{node.constraints.join(" · ")}</span>}
    </>
  );
}

function FieldRow({ field }: { field: SchemaField }) {
  return (
    <li className="py-1.5">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <code className="font-mono text-sm font-medium">{field.name}</code>
        <SchemaFacts node={field.schema} />
        {field.required && <span className="text-xs font-medium text-bad-fg">required</span>}
      </div>
      {field.schema.description && <p className="text-xs text-muted-foreground">{field.schema.description}</p>}
      <SchemaChildren node={field.schema} />
    </li>
  );
}

/** What a schema holds inside: its fields, its items' fields, its variants or its map values. */
function SchemaChildren({ node }: { node: SchemaNode }) {
  if (node.truncated) return <p className="text-xs text-muted-foreground italic">Nested further; see the JSON document.</p>;
  const inner = node.items ?? node.valuesOf;
  if (node.fields && node.fields.length > 0)
    return (
      <ul className="mt-1 ml-1 divide-y divide-border/60 border-l pl-3">
        {node.fields.map((f) => (
          <FieldRow key={f.name} field={f} />
        ))}
      </ul>
    );
  if (node.variants)
    return (
      <ol className="mt-1 ml-1 grid gap-2 border-l pl-3">
        {node.variants.map((v, i) => (
          <li key={i}>
            <p className="text-xs font-medium text-muted-foreground">
              Variant {i + 1}: <SchemaFacts node={v} />
            </p>
            {v.description && <p className="text-xs text-muted-foreground">{v.description}</p>}
            <SchemaChildren node={v} />
          </li>
        ))}
      </ol>
    );
  if (inner && (inner.fields || inner.variants)) return <SchemaChildren node={inner} />;
  return null;
}

/** A request or response schema as a tree of fields. */
export function SchemaTree({ node }: { node: SchemaNode }) {
  return (
    <div className="text-sm">
      <p>
        <SchemaFacts node={node} />
      </p>
      {node.description && <p className="text-xs text-muted-foreground">{node.description}</p>}
      <SchemaChildren node={node} />
    </div>
  );
}

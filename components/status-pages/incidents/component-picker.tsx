"use client";
// Which of the page's components an incident affects: a checkbox per component, grouped as on the page.
export function ComponentPicker({
  components,
  value,
  onChange,
  error,
}: {
  components: { id: string; name: string; group: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="grid gap-1" aria-describedby={error ? "si-components-error" : undefined}>
      <legend className="text-xs font-medium">Affected components</legend>
      {components.length === 0 ? <p className="text-sm text-muted-foreground">This page has no components yet.</p> : null}
      <div className="grid max-h-48 gap-1 overflow-auto rounded-md border p-2 sm:grid-cols-2">
        {components.map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, c.id] : value.filter((x) => x !== c.id))}
            />
            {c.name}
            {c.group ? <span className="text-xs text-muted-foreground">({c.group})</span> : null}
          </label>
        ))}
      </div>
      {error ? (
        <p id="si-components-error" role="alert" className="text-xs text-bad-fg">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

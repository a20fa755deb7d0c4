"use client";
// Several short values typed as chips, e.g. locations: Enter, a comma or leaving the field adds what was typed,
// Backspace in the empty field removes the last chip, and each chip has its own remove button. Known values can be
// offered below as toggle buttons (aria-pressed: a pressed one is in the list), so the common ones need no typing.
import { Check, X } from "lucide-react";
import { useState, type ComponentProps, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface TagSuggestion {
  value: string;
  /** Shown after the value, e.g. "no worker". */
  note?: ReactNode;
  title?: string;
}

type InputProps = Omit<ComponentProps<"input">, "value" | "onChange" | "defaultValue">;

export function TagInput({
  value,
  onChange,
  normalize = (text) => text.trim(),
  invalidValues,
  suggestions = [],
  suggestionsLabel = "Suggestions",
  className,
  ...inputProps
}: InputProps & {
  value: string[];
  onChange: (next: string[]) => void;
  /** Applied to what is typed before it is added; an empty result adds nothing. */
  normalize?: (text: string) => string;
  /** Chips to mark as not valid (the field's error says why). */
  invalidValues?: ReadonlySet<string>;
  suggestions?: TagSuggestion[];
  suggestionsLabel?: string;
}) {
  const [draft, setDraft] = useState("");
  const add = (text: string) => {
    const added = text
      .split(/[\s,]+/)
      .map(normalize)
      .filter(Boolean);
    const next = [...value];
    for (const v of added) if (!next.includes(v)) next.push(v);
    if (next.length !== value.length) onChange(next);
    setDraft("");
  };
  const remove = (v: string) => onChange(value.filter((x) => x !== v));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      // Enter would submit the form: here it adds the chip.
      e.preventDefault();
      if (draft.trim()) add(draft);
    } else if (e.key === "Backspace" && draft === "" && value.length > 0) {
      e.preventDefault();
      remove(value[value.length - 1]!);
    }
  };
  const offered = suggestions.filter((s) => s.value.trim() !== "");
  return (
    <div className="grid gap-1.5">
      <div
        className={cn(
          "flex min-h-8 w-full flex-wrap items-center gap-1 rounded-md border border-input bg-card px-1.5 py-1 shadow-xs focus-within:outline-2 focus-within:outline-ring has-[input[aria-invalid=true]]:border-bad",
          className,
        )}
      >
        {value.map((v) => (
          <span
            key={v}
            data-testid="tag"
            className={cn(
              "inline-flex items-center gap-0.5 rounded-full border bg-muted py-0.5 pr-0.5 pl-2 font-mono text-xs",
              invalidValues?.has(v) ? "border-bad/50 bg-bad/10 text-bad-fg" : "border-border",
            )}
          >
            {v}
            <button
              type="button"
              onClick={() => remove(v)}
              aria-label={`Remove ${v}`}
              className="rounded-full p-0.5 text-muted-foreground hover:bg-background hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
            >
              <X className="size-3" aria-hidden />
            </button>
          </span>
        ))}
        <input
          {...inputProps}
          value={draft}
          onChange={(e) => {
            // A pasted list ("eu-west, us-east") becomes chips at once; the text after the last comma stays typed.
            const text = e.target.value;
            const cut = text.lastIndexOf(",");
            if (cut >= 0) {
              add(text.slice(0, cut));
              setDraft(text.slice(cut + 1));
            } else setDraft(text);
          }}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (draft.trim()) add(draft);
            inputProps.onBlur?.(e);
          }}
          className="h-6 min-w-24 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground"
        />
      </div>
      {offered.length > 0 ? (
        <div role="group" aria-label={suggestionsLabel} className="flex flex-wrap items-center gap-1">
          <span className="text-xs text-muted-foreground">{suggestionsLabel}:</span>
          {offered.map((s) => {
            const pressed = value.includes(s.value);
            return (
              <button
                type="button"
                key={s.value}
                aria-pressed={pressed}
                data-state={pressed ? "on" : "off"}
                onClick={() => (pressed ? remove(s.value) : add(s.value))}
                title={s.title}
                className="inline-flex items-center gap-1 rounded-full border border-border px-2 py-0.5 font-mono text-xs text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring data-[state=on]:border-accent/40 data-[state=on]:bg-accent/10 data-[state=on]:text-accent"
              >
                {pressed ? <Check className="size-3" aria-hidden /> : null}
                {s.value}
                {s.note ? <span className="font-sans text-[11px] opacity-80">{s.note}</span> : null}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

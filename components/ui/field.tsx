import * as LabelPrimitive from "@radix-ui/react-label";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A labelled form control with its hint and its error; the error is announced and linked by id. */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("grid gap-1", className)}>
      <LabelPrimitive.Root htmlFor={id} className="text-xs font-medium text-foreground">
        {label}
      </LabelPrimitive.Root>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-bad-fg">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Props that tie a control to its Field's error for assistive tech. */
export function describedBy(id: string, error?: string) {
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : `${id}-hint` } as const;
}

import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const field =
  "w-full rounded-md border border-input bg-card px-2.5 text-sm shadow-xs placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-ring aria-[invalid=true]:border-bad aria-[invalid=true]:outline-bad disabled:opacity-50";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(field, "h-8", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(field, "min-h-20 py-1.5 font-mono text-xs", className)} {...props} />;
}

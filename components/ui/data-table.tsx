"use client";
// The explorer table, designed once: a toolbar above, the four states of a paged read (loading, error, empty,
// rows), rows that open their detail page by mouse or keyboard, and a cursor pager under them.
import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Button } from "./button";
import { Card } from "./card";
import { QueryBody } from "./query-body";
import { Select, type SelectOption } from "./select";

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Classes for the header cell and the body cells ("text-right" for numbers). */
  className?: string;
  headerClassName?: string;
}

/** What the table needs of an infinite query (`useInfiniteQuery` with a cursor as its page param). */
export interface PagedQuery<Page> {
  data: { pages: Page[] } | undefined;
  error: Error | null;
  isPending: boolean;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

/** A click or Enter on the row opens it, except on a link or control inside the row, which does its own thing. */
const fromControl = (target: EventTarget) => !!(target as HTMLElement).closest("a, button, input, select, textarea, [role=button]");

export function DataTable<Page, Row>({
  query,
  rowsOf,
  columns,
  rowKey,
  rowHref,
  toolbar,
  empty,
  errorTitle,
  moreLabel,
  testId,
  rowTestId,
}: {
  query: PagedQuery<Page>;
  rowsOf: (page: Page) => Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  rowHref: (row: Row) => string;
  /** Filters and actions above the table. */
  toolbar?: ReactNode;
  empty: { icon?: ReactNode; title: string; body?: ReactNode };
  errorTitle: string;
  /** The pager's button: "Load older events". */
  moreLabel: string;
  testId?: string;
  rowTestId?: string;
}) {
  const router = useRouter();
  const open = (row: Row, ev: MouseEvent | KeyboardEvent) => {
    if (!fromControl(ev.target)) router.push(rowHref(row));
  };
  return (
    <Card>
      {toolbar ? <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">{toolbar}</div> : null}
      <QueryBody query={query} isEmpty={(data) => data.pages.every((p) => rowsOf(p).length === 0)} errorTitle={errorTitle} rows={6} empty={empty}>
        {(data) => (
          <>
            <table className="w-full text-sm" data-testid={testId}>
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  {columns.map((c, i) => (
                    <th key={i} className={c.headerClassName}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.pages.flatMap(rowsOf).map((row) => (
                  <tr
                    key={rowKey(row)}
                    data-testid={rowTestId}
                    tabIndex={0}
                    onClick={(ev) => open(row, ev)}
                    onKeyDown={(ev) => {
                      if (ev.key === "Enter" && ev.target === ev.currentTarget) open(row, ev);
                    }}
                    className="cursor-pointer border-b outline-none last:border-0 hover:bg-muted/50 focus-visible:bg-muted/50 focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-inset [&>td]:px-3 [&>td]:py-1.5"
                  >
                    {columns.map((c, i) => (
                      <td key={i} className={c.className}>
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <CursorPager query={query} label={moreLabel} />
          </>
        )}
      </QueryBody>
    </Card>
  );
}

/** The next page of a cursor-paged read, while there is one: "Load older events". */
export function CursorPager({ query, label }: { query: Pick<PagedQuery<unknown>, "hasNextPage" | "fetchNextPage" | "isFetchingNextPage">; label: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="border-t p-2 text-center">
      <Button size="sm" variant="ghost" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? <Loader2 className="animate-spin" /> : null} {label}
      </Button>
    </div>
  );
}

/** A toolbar's spacer: what follows it sits at the right end. */
export function ToolbarEnd({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn("ml-auto flex items-center gap-2", className)}>{children}</div>;
}

/** A toolbar filter: one option for "any" (the filter unset, `undefined`), then the choices. */
export function FilterSelect({
  label,
  value,
  onChange,
  any,
  options,
  className = "w-44",
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** The unset option's text: "All sources", "Any status". */
  any: string;
  options: readonly SelectOption[];
  /** The width. */
  className?: string;
}) {
  return (
    <div className={className}>
      <Select
        aria-label={label}
        value={value ?? "all"}
        onValueChange={(v) => onChange(v === "all" ? undefined : v)}
        options={[{ value: "all", label: any }, ...options]}
        className="h-7 text-xs"
      />
    </div>
  );
}

// An incident update's body: the limited Markdown tree (lib/status-pages/incident-markdown.ts) as React text
// nodes, so nothing a writer types becomes markup.
import type { ReactNode } from "react";
import { parseIncidentMarkdown, type Inline } from "@/lib/status-pages/incident-markdown";

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, k) => {
    switch (n.kind) {
      case "text":
        return n.text;
      case "code":
        return (
          <code key={k} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]">
            {n.text}
          </code>
        );
      case "strong":
        return <strong key={k}>{inline(n.children)}</strong>;
      case "em":
        return <em key={k}>{inline(n.children)}</em>;
      case "link":
        return (
          <a key={k} href={n.href} rel="nofollow noopener noreferrer" className="underline underline-offset-2 hover:text-accent">
            {inline(n.children)}
          </a>
        );
    }
  });
}

export function MarkdownBody({ body }: { body: string }) {
  return (
    <div className="grid gap-2 text-sm leading-relaxed">
      {parseIncidentMarkdown(body).map((b, k) =>
        b.kind === "paragraph" ? (
          <p key={k}>{inline(b.children)}</p>
        ) : (
          <ul key={k} className="ml-5 list-disc">
            {b.items.map((item, j) => (
              <li key={j}>{inline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

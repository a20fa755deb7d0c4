// The limited Markdown an incident update may use, parsed into a small tree that React renders as text nodes:
// paragraphs, "- " lists, **bold**, *emphasis*, `code` and [links](https://…). Nothing is ever turned into HTML,
// so a body cannot inject markup; a link is kept only with an http(s) address, otherwise it reads as its text.
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "link"; href: string; children: Inline[] };

export type Block = { kind: "paragraph"; children: Inline[] } | { kind: "list"; items: Inline[][] };

export const MAX_UPDATE_BODY = 10_000;

const LIST_ITEM = /^\s*[-*]\s+/;

export function parseIncidentMarkdown(body: string): Block[] {
  const blocks: Block[] = [];
  const chunks = body.replace(/\r\n?/g, "\n").split(/\n\s*\n/);
  for (const chunk of chunks) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    let para: string[] = [];
    let items: string[] = [];
    const flushPara = () => {
      if (para.length) blocks.push({ kind: "paragraph", children: parseInline(para.join(" ")) });
      para = [];
    };
    const flushList = () => {
      if (items.length) blocks.push({ kind: "list", items: items.map(parseInline) });
      items = [];
    };
    for (const line of lines) {
      if (LIST_ITEM.test(line)) {
        flushPara();
        items.push(line.replace(LIST_ITEM, "").trim());
      } else {
        flushList();
        para.push(line.trim());
      }
    }
    flushPara();
    flushList();
  }
  return blocks;
}

const safeHref = (href: string): string | null => {
  try {
    const u = new URL(href);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
};

/** Inline marks, left to right; an unclosed mark reads as its characters. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const push = (node: Inline) => {
    if (plain) out.push({ kind: "text", text: plain });
    plain = "";
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith("`")) {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        push({ kind: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 3 && rest.startsWith("**")) {
      const end = text.indexOf("**", i + 2);
      if (end > i + 2) {
        push({ kind: "strong", children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < 3 && (rest[0] === "*" || rest[0] === "_") && rest[1] !== rest[0] && rest[1] !== " ") {
      const end = text.indexOf(rest[0], i + 1);
      if (end > i + 1) {
        push({ kind: "em", children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 3 && rest[0] === "[") {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
      if (m) {
        const href = safeHref(m[2]!);
        const children = parseInline(m[1]!, depth + 1);
        if (href) push({ kind: "link", href, children });
        else for (const c of children) push(c);
        i += m[0].length;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  if (plain) out.push({ kind: "text", text: plain });
  return out;
}

/** The body as plain text (for feeds, notices and the Statuspage JSON, whose clients expect text). */
export function plainText(body: string): string {
  const inline = (nodes: Inline[]): string => nodes.map((n) => (n.kind === "text" || n.kind === "code" ? n.text : inline(n.children))).join("");
  return parseIncidentMarkdown(body)
    .map((b) => (b.kind === "paragraph" ? inline(b.children) : b.items.map((it) => `- ${inline(it)}`).join("\n")))
    .join("\n\n");
}

// HTML escaping for the snapshot's hand-written markup; in its own module so browser code can share it.
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));

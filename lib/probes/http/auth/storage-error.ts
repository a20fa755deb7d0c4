// The error body S3 and Azure Storage both send: `<Error><Code>…</Code><Message>…</Message></Error>`. Only the two
// fields are read, so no XML parser is needed; a body that is not such a document yields null.

export interface StorageError {
  code: string;
  message: string | null;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

export function parseStorageError(body: string): StorageError | null {
  const error = /<Error>([\s\S]*?)<\/Error>/.exec(body)?.[1];
  if (error === undefined) return null;
  const code = /<Code>([^<]*)<\/Code>/.exec(error)?.[1]?.trim();
  if (!code) return null;
  // Azure appends "\nRequestId:…\nTime:…" to the message: the first line is the reason.
  const message = /<Message>([^<]*)<\/Message>/.exec(error)?.[1]?.split("\n")[0]?.trim();
  return { code: decode(code), message: message ? decode(message) : null };
}

/** "HTTP 403 SignatureDoesNotMatch: The request signature…", or without the code when the body has none. */
export function describeRefusal(status: number, code: string | null, message: string | null): string {
  return `HTTP ${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`;
}

// A browser reduced to what a sign-in needs: cookies per origin and redirects followed one at a time, so a test
// can stop at any hop (read the state in an authorization URL, change it, go on).
export interface Hop {
  status: number;
  url: string;
  location: string | null;
  body: string;
}

export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  userAgent = "TestBrowser/1.0 (sign-in tests)";

  cookies(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  cookieHeader(origin: string): string {
    return [...this.cookies(origin)].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** One request, no redirect followed; Set-Cookie stored (an empty value or a past expiry deletes). */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const target = new URL(url);
    const res = await fetch(target, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        "user-agent": this.userAgent,
        cookie: this.cookieHeader(target.origin),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const jar = this.cookies(target.origin);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() < Date.now()));
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get("location");
    return { status: res.status, url: target.href, location: location ? new URL(location, target).href : null, body: await res.text() };
  }

  /** Follows redirects from `url` until an answer that is not one, or until `stop` says so of a URL. */
  async follow(url: string, stop: (url: string) => boolean = () => false, max = 20): Promise<Hop> {
    let hop = await this.request(url);
    for (let i = 0; i < max && hop.location && !stop(hop.location); i++) hop = await this.request(hop.location);
    return hop;
  }
}

import { describe, expect, it } from "vitest";
import { redactUrls, scrubEvent, stripQuery, type ScrubbableEvent } from "./sentry-privacy";

describe("redactUrls", () => {
  it("replaces queries and credentials of URLs inside text, keeping host and path", () => {
    expect(redactUrls("GET https://user:pw@api.example.com/v1/x?api_key=s3cret#frag failed")).toBe(
      "GET https://[Filtered]@api.example.com/v1/x?[Filtered] failed",
    );
    expect(redactUrls('fetch "http://127.0.0.1:8080/a?t=1" then https://b.example/c')).toBe(
      'fetch "http://127.0.0.1:8080/a?[Filtered]" then https://b.example/c',
    );
  });

  it("leaves text without URLs alone", () => {
    expect(redactUrls("connect ECONNREFUSED 127.0.0.1:5432")).toBe("connect ECONNREFUSED 127.0.0.1:5432");
  });
});

describe("stripQuery", () => {
  it("drops the query and fragment of absolute URLs and bare paths", () => {
    expect(stripQuery("https://a.example/p?token=x#y")).toBe("https://a.example/p");
    expect(stripQuery("/integrations/1?token=x")).toBe("/integrations/1");
  });
});

describe("scrubEvent", () => {
  it("keeps only method and query-free URL of the request", () => {
    const event: ScrubbableEvent = {
      request: {
        method: "POST",
        url: "https://tether.example/api/x?token=q",
        headers: { authorization: "Bearer a" },
        cookies: { session: "c" },
        data: '{"password":"p"}',
        query_string: "token=q",
        env: { REMOTE_ADDR: "1.2.3.4" },
      },
    };
    expect(scrubEvent(event).request).toEqual({ method: "POST", url: "https://tether.example/api/x" });
  });

  it("redacts URLs in messages, exception values, breadcrumbs and contexts", () => {
    const event = scrubEvent({
      message: "see https://x.example/?k=1",
      exception: { values: [{ value: "failed https://x.example/a?k=2" }] },
      breadcrumbs: [
        { message: "GET https://x.example/b?k=3", data: { url: "https://x.example/b?k=3", "http.query": "k=3", method: "GET", status_code: 200 } },
        { data: { from: "/a?k=4", to: "/b?k=5" } },
      ],
      contexts: { nextjs: { request_path: "/integrations?k=6", route_type: "render" } },
      extra: { calls: [{ target: "https://x.example/c?k=7" }] },
    });
    expect(JSON.stringify(event)).not.toMatch(/k=\d/);
    expect(event.breadcrumbs?.[0]?.data).toEqual({ url: "https://x.example/b", method: "GET", status_code: 200 });
    expect(event.contexts?.nextjs).toEqual({ request_path: "/integrations", route_type: "render" });
  });

  it("scrubs logged arguments of console breadcrumbs, nested objects included", () => {
    const logged = { message: "failed https://x.example/a?api_key=k1", name: "Error", cause: { url: "/p?k=k2" } };
    const event = scrubEvent({ breadcrumbs: [{ message: "⨯", data: { arguments: ["⨯", logged], logger: "console" } }] });
    expect(JSON.stringify(event)).not.toMatch(/k1|k2/);
    expect(event.breadcrumbs?.[0]?.data?.arguments).toEqual(["⨯", { message: "failed https://x.example/a?[Filtered]", name: "Error", cause: { url: "/p" } }]);
  });

  it("survives cycles", () => {
    const data: Record<string, unknown> = { url: "https://x.example/?k=1" };
    data.self = data;
    expect(scrubEvent({ breadcrumbs: [{ data }] }).breadcrumbs?.[0]?.data?.url).toBe("https://x.example/");
  });
});

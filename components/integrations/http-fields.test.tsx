import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { httpFormFromConfig } from "@/lib/probes/http/form";
import { HttpFields } from "./http-fields";

const render = (state: ReturnType<typeof httpFormFromConfig>, errors: Record<string, string> = {}) =>
  renderToStaticMarkup(<HttpFields state={state} set={() => {}} error={(path) => errors[path]} />);

describe("HTTP fields for the token-based auth types", () => {
  it("labels each OAuth2 field and ties an error to its input", () => {
    const html = render(
      { ...httpFormFromConfig({ url: "https://x.test" }), authType: "oauth2_client_credentials" },
      {
        "config.auth.tokenUrl": "Enter the token endpoint's full https:// URL",
      },
    );
    for (const id of ["tokenUrl", "clientId", "clientSecret", "oauthScope"]) expect(html).toContain(`for="${id}"`);
    expect(html).toMatch(/id="tokenUrl" aria-invalid="true" aria-describedby="tokenUrl-error"/);
    expect(html).toContain('<p id="tokenUrl-error" role="alert"');
    expect(html).toContain("Enter the token endpoint&#x27;s full https:// URL");
  });

  it("shows the service-account key and scope fields", () => {
    const html = render(httpFormFromConfig({ url: "https://x.test", auth: { type: "google_service_account", keyJson: "{{secret.KEY}}", scope: "s" } }));
    for (const id of ["googleKey", "googleScope", "requiredScopes"]) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('value="{{secret.KEY}}"');
  });
});

describe("HTTP fields: the assertion rows", () => {
  const state = httpFormFromConfig({
    url: "https://x.test",
    assertions: [
      { source: "status", comparison: "equals", target: "200" },
      { source: "header", property: "content-type", comparison: "contains", target: "json" },
      { source: "json_path", property: "$.id", comparison: "exists" },
    ],
  });

  it("labels every control of every row for screen readers, with move and remove buttons", () => {
    const html = render(state);
    expect(html.match(/data-testid="assertion-row"/g)).toHaveLength(3);
    for (const label of [
      "Assertion 2: header name",
      "Assertion 2: comparison",
      "Assertion 2: value",
      "Move assertion 2 up",
      "Move assertion 2 down",
      "Remove assertion 2",
    ]) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    // The first row cannot move up, the last cannot move down; "exists" takes no value.
    expect(html).toMatch(/aria-label="Move assertion 1 up" disabled=""/);
    expect(html).toMatch(/aria-label="Move assertion 3 down" disabled=""/);
    expect(html).not.toContain('aria-label="Assertion 3: value"');
  });

  it("puts a row's error beside its field and ties it to the input", () => {
    const row = state.assertions[1]!;
    const html = render(state, { "config.assertions.1.property": "Enter the header name, e.g. content-type" });
    expect(html).toContain(`id="${row.id}-property" aria-invalid="true" aria-describedby="${row.id}-property-error"`);
    expect(html).toContain(`<p id="${row.id}-property-error" role="alert"`);
  });

  it("says so when there are none", () => {
    expect(render({ ...state, assertions: [] })).toContain("No assertions: any response with the expected status passes.");
  });
});

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

  it("shows the service-account key and scope fields, and the GraphQL data path", () => {
    const html = render({
      ...httpFormFromConfig({ url: "https://x.test", auth: { type: "google_service_account", keyJson: "{{secret.KEY}}", scope: "s" } }),
      assertionType: "graphql",
    });
    for (const id of ["googleKey", "googleScope", "graphqlPath", "requiredScopes"]) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('value="{{secret.KEY}}"');
  });
});

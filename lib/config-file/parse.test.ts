import { describe, expect, it } from "vitest";
import { formatError, parseConfigFiles, parseConfigText } from "./parse";

const VALID = `version: 1
integrations:
  payments-api:
    kind: http
    config:
      url: https://api.example.com/health
    intervalSeconds: 60
    timeoutMs: 5000
    secrets:
      API_KEY: \${PAYMENTS_API_KEY}
channels:
  ops:
    kind: slack
    config:
      webhookUrl: \${SLACK_WEBHOOK_URL}
alertRules:
  payments-down:
    severity: critical
    scope: { kind: integration, integration: payments-api }
    condition: { kind: consecutive_failures, count: 3 }
    channels: [ops]
webhookSources:
  stripe:
    name: Stripe
    integration: payments-api
    scheme: none
silences:
  db-upgrade:
    kind: maintenance
    integration: payments-api
    startsAt: 2030-01-01T00:00:00Z
    endsAt: 2030-01-01T02:00:00Z
    reason: Database upgrade
`;

describe("parseConfigText", () => {
  it("reads a valid file with the defaults filled in", () => {
    const r = parseConfigText(VALID);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.integrations["payments-api"]).toMatchObject({ kind: "http", retryAttempts: 2, enabled: true, secrets: { API_KEY: "${PAYMENTS_API_KEY}" } });
    expect(r.config.alertRules["payments-down"]).toMatchObject({ channels: ["ops"], pendingSeconds: 0 });
  });

  it("reports every error, each with line, column and field path", () => {
    const text = `integrations:
  api:
    kind: http
    config:
      url: not-a-url
    intervalSeconds: 60
    timeoutMs: 5000
    colour: red
    secrets:
      TOKEN: literal-secret
channels:
  ops:
    kind: slack
    config:
      webhookUrl: https://hooks.slack.com/services/x
alertRules:
  down:
    scope: { kind: integration, integration: ghost }
    condition: { kind: consecutive_failures, count: 3 }
    channels: [ops, nowhere]
`;
    const r = parseConfigText(text, "t.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatError)).toEqual([
      "t.yaml:5:12 integrations.api.config.url: Enter a full http:// or https:// URL",
      't.yaml:8:5 integrations.api.colour: Unknown field "colour"',
      "t.yaml:10:14 integrations.api.secrets.TOKEN: Write a secret as a reference like ${ENV_NAME}; its value never goes in the file",
      't.yaml:15:19 channels.ops.config.webhookUrl: "webhookUrl" is a secret: write it as a reference like ${ENV_NAME}',
      't.yaml:18:46 alertRules.down.scope.integration: No integration named "ghost" in the file',
      't.yaml:20:21 alertRules.down.channels.1: No channel named "nowhere" in the file',
    ]);
    // The literal secret is never echoed back.
    expect(JSON.stringify(r.errors)).not.toContain("literal-secret");
  });

  it("checks the cross-field rules of each kind (timeout shorter than interval) at the field", () => {
    const r = parseConfigText(
      "integrations:\n  api:\n    kind: tcp\n    config: { host: db.internal, port: 5432 }\n    intervalSeconds: 10\n    timeoutMs: 20000\n",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatError)).toEqual(["tether.yaml:6:16 integrations.api.timeoutMs: The timeout must be shorter than the interval"]);
  });

  it("reports YAML syntax errors and duplicate keys with their position", () => {
    const r = parseConfigText("integrations:\n  api: {kind: http\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: "tether.yaml", line: 3, column: 1, path: "" });
    const dup = parseConfigText("silences:\n  a: {startsAt: 2030-01-01T00:00:00Z, endsAt: 2030-01-02T00:00:00Z, reason: x}\n  a: {reason: y}\n");
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors[0]).toMatchObject({ line: 3, column: 3, message: expect.stringMatching(/unique/i) });
  });

  it("an unknown top-level key points at the key", () => {
    const r = parseConfigText("version: 1\nintegratons: {}\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatError)).toEqual(['tether.yaml:2:1 integratons: Unknown field "integratons"']);
  });
});

describe("parseConfigFiles (a folder)", () => {
  it("merges the files; a name declared twice is an error in the second file; references cross files", () => {
    const a = { file: "conf/a.yaml", text: "channels:\n  ops:\n    kind: slack\n    config: { webhookUrl: '${SLACK}' }\n" };
    const b = {
      file: "conf/b.yaml",
      text: "alertRules:\n  all-down:\n    scope: { kind: all }\n    condition: { kind: circuit_open }\n    channels: [ops]\n",
    };
    const ok = parseConfigFiles([a, b]);
    expect(ok.ok).toBe(true);
    const dup = parseConfigFiles([a, { file: "conf/c.yaml", text: "channels:\n  ops:\n    kind: email\n" }]);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.errors.map(formatError)).toEqual(['conf/c.yaml:2:3 channels.ops: "ops" is already declared in conf/a.yaml']);
  });
});

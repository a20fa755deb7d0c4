import { describe, expect, it } from "vitest";
import { channelConfigFromRaw, channelFieldErrors, rawFromChannelConfig } from "./channel-form";

describe("channel form conversion", () => {
  it("fills defaults, leaves secrets blank, and lists one address per line", () => {
    expect(rawFromChannelConfig("email", { host: "smtp.example.com", to: ["a@x.io", "b@x.io"], password: "never-shown" })).toEqual({
      host: "smtp.example.com",
      port: "587",
      security: "starttls",
      username: "",
      password: "",
      from: "",
      to: "a@x.io\nb@x.io",
    });
    expect(rawFromChannelConfig("pagerduty", undefined)).toEqual({ routingKey: "", endpointUrl: "https://events.pagerduty.com/v2/enqueue" });
  });

  it("turns text back into typed values", () => {
    expect(
      channelConfigFromRaw("email", {
        host: " smtp.example.com ",
        port: "465",
        security: "tls",
        username: "",
        password: "",
        from: "a@x.io",
        to: "b@x.io\n c@x.io, d@x.io\n",
      }),
    ).toEqual({
      host: "smtp.example.com",
      port: 465,
      security: "tls",
      username: "",
      password: "",
      from: "a@x.io",
      to: ["b@x.io", "c@x.io", "d@x.io"],
    });
  });

  it("puts the API's field errors on the form's fields", () => {
    expect(
      channelFieldErrors({
        name: ["Name the channel"],
        "config.to.1": ["Enter an email address"],
        "config.to": ["Add at least one recipient"],
        "config.host": ["Enter the SMTP server's host name"],
      }),
    ).toEqual({
      name: "Name the channel",
      to: "Enter an email address",
      host: "Enter the SMTP server's host name",
    });
  });
});

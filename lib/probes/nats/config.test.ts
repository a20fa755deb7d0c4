import { describe, expect, it } from "vitest";
import { firstMessagePerField } from "../testing/schema-messages";
import { natsConfigSchema } from "./config";

const messages = (input: Record<string, unknown>) => firstMessagePerField(natsConfigSchema, input);

describe("natsConfigSchema", () => {
  it("fills in the defaults", () => {
    expect(natsConfigSchema.parse({ host: "nats.internal" })).toEqual({ host: "nats.internal", port: 4222, tls: false });
  });

  it("treats blank optional fields from a form as not set", () => {
    const parsed = natsConfigSchema.parse({
      host: "nats",
      port: "",
      username: "",
      password: "",
      token: " ",
      stream: "",
      consumer: "",
      maxConsumerPending: "",
      maxAckPending: "",
    });
    expect(parsed).toEqual({ host: "nats", port: 4222, tls: false });
  });

  it("keeps JetStream names and limits, and strips brackets from an IPv6 host", () => {
    const parsed = natsConfigSchema.parse({ host: "[::1]", stream: "ORDERS", consumer: "billing", maxConsumerPending: 1000, maxAckPending: 0 });
    expect(parsed).toMatchObject({ host: "::1", stream: "ORDERS", consumer: "billing", maxConsumerPending: 1000, maxAckPending: 0 });
  });

  it("does not check secret formats, so placeholders fit", () => {
    expect(natsConfigSchema.parse({ host: "nats", token: "{{secret.NATS_TOKEN}}" }).token).toBe("{{secret.NATS_TOKEN}}");
    expect(natsConfigSchema.parse({ host: "nats", username: "u", password: "{{secret.NATS_PW}}" }).password).toBe("{{secret.NATS_PW}}");
  });

  it.each([
    [{}, "host", "Enter the host name or IP address"],
    [{ host: "nats://nats" }, "host", "Enter only the host name, without nats://"],
    [{ host: "nats:4222" }, "host", "Put the port in the Port field, not in the host"],
    [{ host: "na ts" }, "host", "Not a valid host name or IP address"],
    [{ host: "nats", port: 0 }, "port", "Ports run from 1 to 65535"],
    [{ host: "nats", port: "4222" }, "port", "Enter the port number"],
    [{ host: "nats", username: "u", token: "t" }, "token", "Use either a user name and password or a token, not both"],
    [{ host: "nats", password: "p" }, "username", "Enter the user name for this password"],
    [{ host: "nats", consumer: "c" }, "stream", "Name the stream this consumer belongs to"],
    [{ host: "nats", stream: "s", maxConsumerPending: 10 }, "consumer", "Name the consumer whose pending messages to check"],
    [{ host: "nats", stream: "s", maxAckPending: 10 }, "consumer", "Name the consumer whose pending messages to check"],
    [{ host: "nats", stream: "orders.eu" }, "stream", "Stream names cannot contain spaces, dots, *, >, / or \\"],
    [{ host: "nats", stream: "s", consumer: "a b" }, "consumer", "Consumer names cannot contain spaces, dots, *, >, / or \\"],
    [{ host: "nats", stream: "s", consumer: "c", maxConsumerPending: -1 }, "maxConsumerPending", "The pending limit cannot be negative"],
    [{ host: "nats", stream: "s", consumer: "c", maxAckPending: 1.5 }, "maxAckPending", "Use a whole number of messages"],
  ])("rejects %j with a message on %s", (input, path, message) => {
    expect(messages(input)[path]).toBe(message);
  });
});

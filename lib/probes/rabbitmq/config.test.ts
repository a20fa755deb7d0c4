import { describe, expect, it } from "vitest";
import { firstMessagePerField } from "../testing/schema-messages";
import { defaultRabbitmqPort, rabbitmqConfigSchema } from "./config";

const messages = (input: Record<string, unknown>) => firstMessagePerField(rabbitmqConfigSchema, input);

describe("rabbitmqConfigSchema", () => {
  it("fills in the defaults", () => {
    expect(rabbitmqConfigSchema.parse({ host: "mq.internal", username: "probe" })).toEqual({
      host: "mq.internal",
      vhost: "/",
      username: "probe",
      password: "",
      tls: false,
    });
  });

  it("treats blank optional fields from a form as not set", () => {
    const parsed = rabbitmqConfigSchema.parse({ host: "mq", username: "u", port: "", vhost: "", queue: "  ", maxQueueDepth: "", minConsumers: "" });
    expect(parsed).toEqual({ host: "mq", vhost: "/", username: "u", password: "", tls: false });
  });

  it("picks the AMQP port for plain and TLS connections", () => {
    expect(defaultRabbitmqPort(false)).toBe(5672);
    expect(defaultRabbitmqPort(true)).toBe(5671);
  });

  it("keeps a queue with its limits, and strips brackets from an IPv6 host", () => {
    const parsed = rabbitmqConfigSchema.parse({ host: "[::1]", port: 5671, username: "u", tls: true, queue: "orders", maxQueueDepth: 0, minConsumers: 2 });
    expect(parsed).toMatchObject({ host: "::1", port: 5671, tls: true, queue: "orders", maxQueueDepth: 0, minConsumers: 2 });
  });

  it("does not check the password's format, so a secret placeholder fits", () => {
    expect(rabbitmqConfigSchema.parse({ host: "mq", username: "u", password: "{{secret.RABBIT_PW}}" }).password).toBe("{{secret.RABBIT_PW}}");
  });

  it.each([
    [{ username: "u" }, "host", "Enter the host name or IP address"],
    [{ host: " ", username: "u" }, "host", "Enter the host name or IP address"],
    [{ host: "amqp://mq", username: "u" }, "host", "Enter only the host name, without amqp://"],
    [{ host: "mq:5672", username: "u" }, "host", "Put the port in the Port field, not in the host"],
    [{ host: "mq host", username: "u" }, "host", "Not a valid host name or IP address"],
    [{ host: "mq" }, "username", "Enter the user name"],
    [{ host: "mq", username: "" }, "username", "Enter the user name"],
    [{ host: "mq", username: "u", port: 0 }, "port", "Ports run from 1 to 65535"],
    [{ host: "mq", username: "u", port: 70000 }, "port", "Ports run from 1 to 65535"],
    [{ host: "mq", username: "u", port: 56.5 }, "port", "The port is a whole number"],
    [{ host: "mq", username: "u", port: "abc" }, "port", "Enter the port number"],
    [{ host: "mq", username: "u", queue: "q", maxQueueDepth: -1 }, "maxQueueDepth", "The depth limit cannot be negative"],
    [{ host: "mq", username: "u", queue: "q", minConsumers: 0 }, "minConsumers", "Require at least 1 consumer, or leave this empty"],
    [{ host: "mq", username: "u", queue: "x".repeat(256) }, "queue", "Queue names are at most 255 characters"],
    [{ host: "mq", username: "u", maxQueueDepth: 10 }, "queue", "Name the queue whose depth to check"],
    [{ host: "mq", username: "u", minConsumers: 1 }, "queue", "Name the queue whose consumers to count"],
    [{ host: "mq", username: "u", tls: "yes" }, "tls", "Choose whether to use TLS"],
  ])("rejects %j with a message on %s", (input, path, message) => {
    expect(messages(input)[path]).toBe(message);
  });
});

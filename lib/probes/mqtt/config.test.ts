import { describe, expect, it } from "vitest";
import { firstMessagePerField } from "../testing/schema-messages";
import { defaultMqttPort, mqttConfigSchema } from "./config";

const messages = (input: Record<string, unknown>) => firstMessagePerField(mqttConfigSchema, input);

describe("mqttConfigSchema", () => {
  it("fills in the defaults", () => {
    expect(mqttConfigSchema.parse({ host: "broker.internal" })).toEqual({
      host: "broker.internal",
      tls: false,
      mqttVersion: "3.1.1",
      clientIdPrefix: "tether-probe",
      topicPrefix: "tether/probe",
      qos: 1,
    });
  });

  it("treats blank optional fields from a form as not set", () => {
    const parsed = mqttConfigSchema.parse({ host: "broker", port: "", username: "", password: "", clientIdPrefix: " ", topicPrefix: "" });
    expect(parsed).toEqual({ host: "broker", tls: false, mqttVersion: "3.1.1", clientIdPrefix: "tether-probe", topicPrefix: "tether/probe", qos: 1 });
  });

  it("picks the MQTT port for plain and TLS connections", () => {
    expect(defaultMqttPort(false)).toBe(1883);
    expect(defaultMqttPort(true)).toBe(8883);
  });

  it("keeps the chosen options, drops a trailing slash from the topic prefix, and strips IPv6 brackets", () => {
    const parsed = mqttConfigSchema.parse({
      host: "[fd00::1]",
      port: 8883,
      tls: true,
      mqttVersion: "5",
      qos: 0,
      topicPrefix: "health/checks/",
      clientIdPrefix: "svc.probe_1",
    });
    expect(parsed).toMatchObject({
      host: "fd00::1",
      port: 8883,
      tls: true,
      mqttVersion: "5",
      qos: 0,
      topicPrefix: "health/checks",
      clientIdPrefix: "svc.probe_1",
    });
  });

  it("does not check the password's format, so a secret placeholder fits", () => {
    expect(mqttConfigSchema.parse({ host: "broker", username: "u", password: "{{secret.MQTT_PW}}" }).password).toBe("{{secret.MQTT_PW}}");
  });

  it.each([
    [{}, "host", "Enter the host name or IP address"],
    [{ host: "mqtt://broker" }, "host", "Enter only the host name, without mqtt://"],
    [{ host: "broker:1883" }, "host", "Put the port in the Port field, not in the host"],
    [{ host: "bro ker" }, "host", "Not a valid host name or IP address"],
    [{ host: "broker", port: 65_536 }, "port", "Ports run from 1 to 65535"],
    [{ host: "broker", qos: 2 }, "qos", "QoS must be 0 or 1"],
    [{ host: "broker", qos: "1" }, "qos", "QoS must be 0 or 1"],
    [{ host: "broker", mqttVersion: "3.1" }, "mqttVersion", 'Choose MQTT "3.1.1" or "5"'],
    [{ host: "broker", topicPrefix: "sensors/#" }, "topicPrefix", "The topic prefix cannot contain the wildcards + or #"],
    [{ host: "broker", topicPrefix: "a/+/b" }, "topicPrefix", "The topic prefix cannot contain the wildcards + or #"],
    [{ host: "broker", topicPrefix: "$SYS/probe" }, "topicPrefix", "Topics starting with $ are reserved for the broker"],
    [{ host: "broker", clientIdPrefix: "my probe" }, "clientIdPrefix", "Use only letters, digits, dots, dashes and underscores in the client ID prefix"],
    [{ host: "broker", clientIdPrefix: "x".repeat(41) }, "clientIdPrefix", "The client ID prefix is at most 40 characters"],
    [{ host: "broker", tls: "true" }, "tls", "Choose whether to use TLS"],
  ])("rejects %j with a message on %s", (input, path, message) => {
    expect(messages(input)[path]).toBe(message);
  });
});

// The MQTT error mapping for answers the integration tests cannot provoke from the local broker.
import { describe, expect, it } from "vitest";
import { classifyMqttError } from "./mqtt-probe";

// mqtt.js's ErrorWithReasonCode: the message and the numeric reason code.
const withCode = (message: string, code: number) => Object.assign(new Error(message), { code });

describe("classifyMqttError", () => {
  it.each([
    [withCode("Publish error: Not authorized", 135), "auth", "The broker refused the probe's publish on its topic: Not authorized (code 135)", false],
    [withCode("Publish error: Quota exceeded", 151), "protocol", "The broker refused the probe's publish on its topic: Quota exceeded (code 151)", false],
    [withCode("Connection refused: Server busy", 137), "connect", "The broker refused the connection: Server busy (code 137)", true],
    [withCode("Connection refused: Identifier rejected", 2), "protocol", "The broker refused the connection: Identifier rejected (code 2)", false],
    [new Error("connack timeout"), "timeout", "No response within 900 ms", true],
    [new Error("The broker closed the connection"), "connect", "The broker closed the connection", true],
  ])("maps %o to %s", (err, errorClass, message, retryable) => {
    expect(classifyMqttError(err, 900)).toEqual({ errorClass, message, retryable });
  });
});

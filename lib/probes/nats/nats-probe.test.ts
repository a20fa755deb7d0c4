// The NATS error mapping for answers the integration tests cannot provoke from the local server.
import { describe, expect, it } from "vitest";
import { NatsError } from "nats";
import { checkConsumerLimits, classifyNatsError } from "./nats-probe";

const config = { stream: "ORDERS", consumer: "billing" };
const natsError = (message: string, code: string, api?: { code: number; err_code: number; description: string }) =>
  Object.assign(new NatsError(message, code), api ? { api_error: api } : {});

describe("classifyNatsError", () => {
  it.each([
    [natsError("503", "503"), "assertion", "JetStream is not enabled on this server or for this account", false],
    [
      natsError("jetstream not enabled", "503", { code: 503, err_code: 10076, description: "jetstream not enabled" }),
      "assertion",
      "JetStream is not enabled on this server or for this account",
      false,
    ],
    [
      natsError("'Permissions Violation for Publish to \"$JS.API.STREAM.INFO.ORDERS\"'", "PERMISSIONS_VIOLATION"),
      "auth",
      'Permission denied: Permissions Violation for Publish to "$JS.API.STREAM.INFO.ORDERS"',
      false,
    ],
    [natsError("'User Authentication Expired'", "AUTHENTICATION_EXPIRED"), "auth", "The server refused the credentials (User Authentication Expired)", false],
    [natsError("TIMEOUT", "TIMEOUT"), "timeout", "No response within 900 ms", true],
    [natsError("DISCONNECT", "DISCONNECT"), "connect", "The server closed the connection before answering", true],
    [
      natsError("bad", "400", { code: 500, err_code: 10999, description: "insufficient resources" }),
      "protocol",
      "JetStream API error 500: insufficient resources",
      false,
    ],
  ])("maps %o to %s", (err, errorClass, message, retryable) => {
    expect(classifyNatsError(err, config, 900)).toEqual({ errorClass, message, retryable });
  });
});

describe("checkConsumerLimits", () => {
  it("passes at the limits and names the first limit broken", () => {
    expect(checkConsumerLimits("billing", { pending: 10, ackPending: 2 }, { maxConsumerPending: 10, maxAckPending: 2 })).toBeNull();
    expect(checkConsumerLimits("billing", { pending: 11, ackPending: 3 }, { maxConsumerPending: 10, maxAckPending: 2 })).toBe(
      "Consumer billing has 11 pending messages, over the limit of 10",
    );
    expect(checkConsumerLimits("billing", { pending: 0, ackPending: 3 }, { maxAckPending: 2 })).toBe(
      "Consumer billing has 3 messages awaiting acknowledgement, over the limit of 2",
    );
  });
});

// The AMQP error mapping for answers the integration tests cannot provoke from the local broker.
import { describe, expect, it } from "vitest";
import { checkQueueLimits, classifyRabbitmqError } from "./rabbitmq-probe";

const config = { username: "probe", vhost: "/", queue: "orders" };
// What amqplib rejects with when the broker closes a channel or the connection: the reply code as a number.
const closed = (code: number, text: string) => Object.assign(new Error(`Operation failed: QueueDeclare; ${code} (X) with message "${text}"`), { code });

describe("classifyRabbitmqError", () => {
  it.each([
    [
      closed(403, "ACCESS_REFUSED - access to queue 'orders' in vhost '/' refused for user 'probe'"),
      "auth",
      "Permission refused by the broker: ACCESS_REFUSED - access to queue 'orders' in vhost '/' refused for user 'probe'",
      false,
    ],
    [
      closed(320, "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"),
      "protocol",
      "The broker closed the connection: CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'",
      true,
    ],
    [closed(406, "PRECONDITION_FAILED - whatever"), "protocol", "The broker closed the connection: PRECONDITION_FAILED - whatever", false],
    [
      new Error("Expected ConnectionTune; got <ConnectionClose channel:0>"),
      "protocol",
      "The server does not speak AMQP 0-9-1 as expected (Expected ConnectionTune; got <ConnectionClose channel:0>)",
      false,
    ],
  ])("maps %o to %s", (err, errorClass, message, retryable) => {
    expect(classifyRabbitmqError(err, config, 900)).toEqual({ errorClass, message, retryable });
  });
});

describe("checkQueueLimits", () => {
  it("passes at the limits and names the first limit broken", () => {
    expect(checkQueueLimits("orders", { messageCount: 5, consumerCount: 1 }, { maxQueueDepth: 5, minConsumers: 1 })).toBeNull();
    expect(checkQueueLimits("orders", { messageCount: 6, consumerCount: 0 }, { maxQueueDepth: 5, minConsumers: 1 })).toBe(
      "Queue orders depth 6 is over the limit of 5",
    );
    expect(checkQueueLimits("orders", { messageCount: 0, consumerCount: 1 }, { minConsumers: 2 })).toBe(
      "Queue orders has 1 consumer, fewer than the minimum of 2",
    );
  });
});

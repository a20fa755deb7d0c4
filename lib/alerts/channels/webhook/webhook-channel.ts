// Generic webhook: the notification as JSON, signed with Standard Webhooks by the same module that verifies
// inbound ones. webhook-id is the delivery's id, stable across its retries, so a receiver can de-duplicate.
import { randomUUID } from "node:crypto";
import type { ChannelImpl } from "../../notification";
import { signStandardWebhook } from "../../../webhooks/verification/standard-webhooks/standard-webhooks-verifier";
import { postJson } from "../shared/http-send";
import { webhookInfo, type WebhookConfig } from "./config";

export const webhookChannel: ChannelImpl<WebhookConfig> = {
  ...webhookInfo,
  async send(config, n, ctx) {
    const body = JSON.stringify(n);
    const headers = signStandardWebhook({ id: ctx.messageId ?? `msg_${randomUUID()}`, timestamp: Math.floor(ctx.now() / 1000), body, secret: config.secret });
    return postJson(config.url, body, { ctx, target: webhookInfo.target(config), headers: { ...headers }, secrets: [config.secret] });
  },
};

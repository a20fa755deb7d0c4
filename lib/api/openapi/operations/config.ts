// tether.yaml: the instance as a file (the CLI's export and plan read it), the file's JSON Schema, and apply.
import { z } from "zod";
import { operation } from "../operation";
import { serverStateSchema } from "../../../config-file/plan";
import { applyRequestSchema, applyResultSchema } from "../../../config-file/apply";

const tag = "Config as code";

export const configOperations = [
  operation({
    method: "GET",
    path: "/api/config",
    id: "getConfigState",
    summary: "The instance as tether.yaml declares it (secrets as ${ENV_NAME} references), which resources are managed by config, and a fingerprint",
    tag,
    policy: "viewer",
    response: { status: 200, description: "The state a plan is made against", schema: serverStateSchema },
    description: "Answers 422, naming each resource and field, when stored data cannot be expressed in tether.yaml.",
    errors: ["unprocessable"],
  }),
  operation({
    method: "POST",
    path: "/api/config/apply",
    id: "applyConfigPlan",
    summary: "Apply a plan's changes in order, if the server is still in the state the plan fingerprinted",
    description:
      "Refused with 409 when the fingerprint no longer matches. When one change is refused, the answer is that change's error, with `details` listing what was applied, what failed and what was not applied.",
    tag,
    policy: "editor",
    body: applyRequestSchema,
    response: { status: 200, description: "Every change was applied; the new fingerprint", schema: applyResultSchema },
    errors: ["conflict"],
  }),
  operation({
    method: "GET",
    path: "/api/config/schema.json",
    id: "getConfigJsonSchema",
    summary: "The JSON Schema of tether.yaml, for editor completion",
    tag,
    policy: "public",
    response: { status: 200, description: "A JSON Schema (draft 2020-12)", schema: z.record(z.string(), z.unknown()) },
  }),
];

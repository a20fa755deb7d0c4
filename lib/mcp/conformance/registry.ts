// Every protocol and content check family, in report order. Each is a pure function of what the engine learned
// (./facts.ts); the HTTP-only checks need the network and run separately (./http/checks.ts).
import type { Finding } from "../types";
import { capabilityChecks } from "./capabilities";
import type { ServerFacts } from "./facts";
import { paginationChecks } from "./pagination";
import { protocolChecks } from "./protocol";
import { schemaChecks } from "./schemas";
import { structuredOutputChecks } from "./structured-output";
import { toolNameChecks } from "./tool-names";

export type Check = (facts: ServerFacts) => Finding[];

export const CHECKS: readonly Check[] = [protocolChecks, capabilityChecks, paginationChecks, toolNameChecks, schemaChecks, structuredOutputChecks];

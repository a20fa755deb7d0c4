// A stored AlertRule row read back through the rule schemas, and the scope test shared by the evaluation job,
// the backtest and the API. A row that no longer parses (a hand-edited database) is skipped, not fatal.
import type { AlertRule } from "../db/generated/client";
import type { RuleSpec } from "./evaluator";
import { ruleConditionSchema, ruleScopeSchema, type RuleCondition, type RuleScope, type Severity } from "./rule";

export interface LoadedRule {
  id: string;
  name: string;
  enabled: boolean;
  severity: Severity;
  scope: RuleScope;
  condition: RuleCondition;
  channelIds: string[];
  spec: RuleSpec;
}

export function loadRule(row: AlertRule): LoadedRule | null {
  const scope = ruleScopeSchema.safeParse(row.scope);
  const condition = ruleConditionSchema.safeParse(row.condition);
  if (!scope.success || !condition.success) return null;
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    severity: row.severity,
    scope: scope.data,
    condition: condition.data,
    channelIds: row.channelIds,
    spec: {
      id: row.id,
      name: row.name,
      condition: condition.data,
      pendingSeconds: row.pendingSeconds,
      flapMaxChanges: row.flapMaxChanges,
      flapWindowMinutes: row.flapWindowMinutes,
      reminderMinutes: row.reminderMinutes,
      muteDuringProviderIncident: row.muteDuringProviderIncident,
    },
  };
}

export interface ScopedIntegration {
  id: string;
  name: string;
  tags: string[];
  /** The provider status page the integration names (HTTP checks), for rules that mute during provider incidents. */
  statusUrl?: string | null;
}

export function inScope(scope: RuleScope, integration: ScopedIntegration): boolean {
  switch (scope.kind) {
    case "integration":
      return integration.id === scope.integrationId;
    case "tag":
      return integration.tags.includes(scope.tag);
    case "all":
      return true;
  }
}

// Options and tones shared by the admin incident forms and lists.
import type { BadgeTone } from "@/components/ui/badge";
import {
  STATUS_INCIDENT_IMPACT_LABEL,
  STATUS_INCIDENT_IMPACTS,
  STATUS_INCIDENT_STATUS_LABEL,
  STATUS_INCIDENT_STATUSES,
  type StatusIncidentImpact,
} from "@/lib/status-pages/incident-rules";

export const IMPACT_OPTIONS = STATUS_INCIDENT_IMPACTS.map((v) => ({ value: v, label: STATUS_INCIDENT_IMPACT_LABEL[v] }));
export const STATUS_OPTIONS = STATUS_INCIDENT_STATUSES.map((v) => ({ value: v, label: STATUS_INCIDENT_STATUS_LABEL[v] }));
export const IMPACT_TONE: Record<StatusIncidentImpact, BadgeTone> = { none: "neutral", minor: "warn", major: "bad", critical: "bad" };

export interface PageComponentOption {
  id: string;
  name: string;
  group: string;
}

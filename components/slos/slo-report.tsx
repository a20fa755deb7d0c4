"use client";
import { useQuery } from "@tanstack/react-query";
import { Download, FileText } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { sloQueries, sloReportCsvUrl } from "@/lib/queries/slos";
import { formatAchieved, formatRatioPct } from "@/lib/slo/budget-chart";
import type { ReportFigures, SloReport } from "@/lib/slo/report/report";
import { coverageNote, formatMinutes, incidentRows, monthLabel, verdict } from "@/lib/slo/report/report-view";
import { BackLink } from "@/components/ui/back-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { QueryBody } from "@/components/ui/query-body";
import { cn } from "@/lib/cn";
import { useCan } from "@/components/app-shell/viewer-context";

const HEAD = "border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium";
const ROW = "border-b last:border-0 align-top [&>td]:px-3 [&>td]:py-2";

function Verdict({ met, what }: { met: boolean | null; what: "objective" | "SLA" }) {
  const v = verdict(met, what);
  return <Badge tone={v.tone}>{v.label}</Badge>;
}

/** The figure columns the SLO and provider tables share. */
const FIGURE_HEADERS = ["Achieved", "Objective", "", "Contracted SLA", "", "Budget spent", "Downtime", "Incidents"];

function FigureCells({ f }: { f: ReportFigures }) {
  return (
    <>
      <td className="tabular">{formatAchieved(f.achievedPct)}</td>
      <td className="tabular">{f.objectivePct === null ? "—" : `${f.objectivePct}%`}</td>
      <td>
        <Verdict met={f.objectiveMet} what="objective" />
      </td>
      <td className="tabular">{f.slaPct === null ? "—" : `${f.slaPct}%`}</td>
      <td>
        <Verdict met={f.slaMet} what="SLA" />
      </td>
      <td className={cn("tabular", (f.budgetSpent ?? 0) > 1 && "text-bad-fg")}>{formatRatioPct(f.budgetSpent)}</td>
      <td className="tabular" title={`${Math.round(f.minutesWithData)} minutes of the month had probe runs`}>
        {formatMinutes(f.downtimeMinutes)}
      </td>
      <td className="tabular">{f.incidents.length}</td>
    </>
  );
}

function Table({ label, first, children }: { label: string; first: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={label}>
        <thead>
          <tr className={HEAD}>
            <th>{first}</th>
            {FIGURE_HEADERS.map((h, i) => (
              <th key={i}>{h ? h : <span className="sr-only">{FIGURE_HEADERS[i - 1]} verdict</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function Body({ r }: { r: SloReport }) {
  const incidents = incidentRows(r);
  const canEdit = useCan("editor");
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>SLOs</CardTitle>
        </CardHeader>
        {r.slos.length === 0 ? (
          <p className="px-3 pb-3 text-sm text-muted-foreground">
            No SLOs yet.{" "}
            {canEdit ? (
              <>
                <Link href="/slos/new" className="underline">
                  Create one
                </Link>{" "}
                to see it judged here.
              </>
            ) : (
              "An editor can create one; it is judged here."
            )}
          </p>
        ) : (
          <Table label="SLOs" first="SLO">
            {r.slos.map((s) => (
              <tr key={s.id} className={ROW} data-testid="report-slo">
                <td>
                  <Link href={`/slos/${s.id}`} className="font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                    {s.name}
                  </Link>
                  <div className="text-xs text-muted-foreground">{s.integrations.map((i) => i.name).join(", ") || "No integrations"}</div>
                </td>
                <FigureCells f={s} />
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Providers</CardTitle>
        </CardHeader>
        <p className="px-3 pb-2 text-xs text-muted-foreground">
          Integrations grouped by the provider they call (by the presets&apos; API domains, else the host). Availability of all their runs, against the
          strictest objective and SLA of the SLOs that cover them.
        </p>
        {r.providers.length === 0 ? (
          <p className="px-3 pb-3 text-sm text-muted-foreground">No integrations yet.</p>
        ) : (
          <Table label="Providers" first="Provider">
            {r.providers.map((p) => (
              <tr key={p.provider} className={ROW} data-testid="report-provider">
                <td>
                  <span className="font-medium">{p.provider}</span>
                  <div className="text-xs text-muted-foreground">{p.integrations.map((i) => i.name).join(", ")}</div>
                </td>
                <FigureCells f={p} />
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Incidents in {monthLabel(r.month)}</CardTitle>
        </CardHeader>
        {incidents.length === 0 ? (
          <p className="px-3 pb-3 text-sm text-muted-foreground">No alert incidents were open during the month.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="Incidents">
              <thead>
                <tr className={HEAD}>
                  <th>Rule</th>
                  <th>Integration</th>
                  <th>Severity</th>
                  <th>Started (UTC)</th>
                  <th>Resolved (UTC)</th>
                  <th>In the month</th>
                  <th>Counts against</th>
                </tr>
              </thead>
              <tbody>
                {incidents.map((i) => (
                  <tr key={i.id} className={ROW}>
                    <td>
                      <Link href={`/incidents/${i.id}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                        {i.ruleName}
                      </Link>
                    </td>
                    <td>{i.integrationName}</td>
                    <td>
                      <Badge tone={i.severity === "critical" ? "bad" : i.severity === "warning" ? "warn" : "neutral"}>{i.severity}</Badge>
                    </td>
                    <td className="tabular text-xs">{i.startedAt.slice(0, 16).replace("T", " ")}</td>
                    <td className="tabular text-xs">{i.resolvedAt ? i.resolvedAt.slice(0, 16).replace("T", " ") : <Badge tone="warn">Open</Badge>}</td>
                    <td className="tabular">{formatMinutes(i.minutesInMonth)}</td>
                    <td className="text-xs">{i.countsAgainst.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

export function SloReportView({ month, defaultMonth, invalid }: { month: string; defaultMonth: string; invalid: boolean }) {
  const router = useRouter();
  const report = useQuery(sloQueries.report(month));
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/slos">SLOs</BackLink>
        <PageHeader
          title="Monthly SLO report"
          description="Achieved against objective and contracted SLA, the budget spent, downtime and the incidents that spent it: for SLA reviews and credit claims."
          actions={
            <div className="flex items-end gap-2">
              <label className="grid gap-1 text-xs font-medium" htmlFor="report-month">
                Month (UTC)
                <Input
                  id="report-month"
                  type="month"
                  className="w-40"
                  value={month}
                  onChange={(e) => {
                    if (/^\d{4}-\d{2}$/.test(e.target.value)) router.push(`/slos/report?month=${e.target.value}`);
                  }}
                />
              </label>
              <Button asChild>
                <a href={sloReportCsvUrl(month)} download>
                  <Download /> Download CSV
                </a>
              </Button>
            </div>
          }
        />
      </div>
      {invalid ? (
        <p role="alert" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn-fg">
          That month is not a YYYY-MM month; showing {monthLabel(month)} instead.
        </p>
      ) : null}
      <QueryBody
        query={report}
        isEmpty={() => false}
        errorTitle="Could not build the report"
        rows={4}
        empty={{ icon: <FileText />, title: "Nothing to report" }}
      >
        {(r) => (
          <>
            <p className="text-sm text-muted-foreground" data-testid="report-coverage">
              {coverageNote(r, month === defaultMonth)} Downtime is estimated from the hour rollups (each hour adds 60 min × its share of bad runs).
            </p>
            <Body r={r} />
          </>
        )}
      </QueryBody>
    </div>
  );
}

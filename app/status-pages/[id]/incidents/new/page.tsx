import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusIncidentForm } from "@/components/status-pages/incidents/status-incident-form";
import { BackLink } from "@/components/ui/back-link";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { ApiError } from "@/lib/api/errors";
import { requirePage } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { mayExist } from "@/lib/queries/prefetch";
import { draftFromAlertIncident, type StatusIncidentDraft } from "@/lib/status-pages/incidents";
import { getStatusPage } from "@/lib/status-pages/pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Open a status incident" };

const BLANK: StatusIncidentDraft = { title: "", impact: "minor", status: "investigating", componentIds: [], body: "" };

export default async function NewStatusIncidentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string }> }) {
  const [{ id }, { from }] = await Promise.all([params, searchParams]);
  if (!(await requirePage("editor", `/status-pages/${id}/incidents/new`))) return <Forbidden role="editor" />;
  if (!mayExist(id)) notFound();
  const notFoundOn = (err: unknown) => {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  };
  const page = await getStatusPage(db(), id).catch(notFoundOn);
  // Promoting an alert incident prefills the form; an unknown one is a missing page, not an empty form.
  const draft = from && mayExist(from) ? await draftFromAlertIncident(db(), id, from).catch(notFoundOn) : BLANK;
  const components = page.groups.flatMap((g) => g.components.map((c) => ({ id: c.id, name: c.name, group: g.name })));
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href={`/status-pages/${id}/incidents`}>Incidents of {page.title}</BackLink>
        <PageHeader title="Open a status incident" description={`Shown at the top of /status/${page.slug} until it is resolved`} />
      </div>
      <StatusIncidentForm pageId={id} components={components} draft={draft} />
    </div>
  );
}

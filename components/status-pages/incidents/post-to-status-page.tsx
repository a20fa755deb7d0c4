"use client";
// "Post to status page" on an alert incident: choose a page, then the status incident form opens prefilled from it.
import { useQuery } from "@tanstack/react-query";
import { Megaphone } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/app-shell/viewer-context";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { statusPageQueries } from "@/lib/queries/status-pages";

export function PostToStatusPage({ incidentId }: { incidentId: string }) {
  const canEdit = useCan("editor");
  const pages = useQuery({ ...statusPageQueries.list(), enabled: canEdit });
  const [chosen, setChosen] = useState("");
  const router = useRouter();
  if (!canEdit || !pages.data?.length) return null;
  const pageId = pages.data.length === 1 ? pages.data[0]!.id : chosen;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2" aria-label="Post to a status page" role="group">
      {pages.data.length > 1 ? (
        <Select
          aria-label="Status page"
          value={chosen}
          onValueChange={setChosen}
          options={pages.data.map((p) => ({ value: p.id, label: p.title }))}
          placeholder="Choose a status page"
          className="w-56"
        />
      ) : null}
      <Button disabled={!pageId} onClick={() => router.push(`/status-pages/${pageId}/incidents/new?from=${incidentId}`)}>
        <Megaphone /> Post to status page
      </Button>
    </div>
  );
}

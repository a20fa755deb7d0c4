// What a status page tells its subscribers when something is posted: one notice for each created or edited
// incident update. The incidents service calls publishStatusNotice after the change has committed.
import type { Db } from "../db/client";

export type StatusNotice = {
  pageId: string;
  kind: "incident";
  incidentId: string;
  updateId: string;
  title: string;
  status: string;
  body: string;
  componentIds: string[];
  url: string;
  occurredAt: Date;
};

/**
 * Does nothing yet, on purpose: the subscriptions branch (email, webhooks, feeds) replaces this body with the
 * delivery to a page's subscribers. Callers already await it, so that change touches no caller.
 */
export async function publishStatusNotice(_db: Db, _notice: StatusNotice): Promise<void> {
  return;
}

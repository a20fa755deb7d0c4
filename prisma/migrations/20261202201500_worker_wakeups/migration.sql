-- Wake the worker when work appears (lib/scheduler/work-listener.ts), so it need not poll every second.
-- The payload names what changed: 'integrations' (a schedule to re-read) or 'queues' (rows to claim).
CREATE FUNCTION tether_notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tether_work', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER "Integration_wake_insert" AFTER INSERT ON "Integration"
  FOR EACH STATEMENT EXECUTE FUNCTION tether_notify_work('integrations');

-- An edit, a pause or resume, or a lease given back by a stopping worker; not the worker's own move to the next
-- slot (made while it holds the lease), which would wake it after every batch it records.
CREATE TRIGGER "Integration_wake_update" AFTER UPDATE OF "nextRunAt", enabled, "leaseOwner" ON "Integration"
  FOR EACH ROW WHEN (
    (OLD."leaseOwner" IS NULL AND (NEW."nextRunAt" IS DISTINCT FROM OLD."nextRunAt" OR NEW.enabled IS DISTINCT FROM OLD.enabled))
    OR (OLD."leaseOwner" IS NOT NULL AND NEW."leaseOwner" IS NULL AND NEW."nextRunAt" = OLD."nextRunAt"))
  EXECUTE FUNCTION tether_notify_work('integrations');

CREATE TRIGGER "WebhookEvent_wake_insert" AFTER INSERT ON "WebhookEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION tether_notify_work('queues');

-- A replayed event goes back to 'received'.
CREATE TRIGGER "WebhookEvent_wake_replay" AFTER UPDATE OF status ON "WebhookEvent"
  FOR EACH ROW WHEN (NEW.status = 'received' AND OLD.status <> 'received')
  EXECUTE FUNCTION tether_notify_work('queues');

CREATE TRIGGER "NotificationDelivery_wake_insert" AFTER INSERT ON "NotificationDelivery"
  FOR EACH STATEMENT EXECUTE FUNCTION tether_notify_work('queues');

CREATE TRIGGER "StatusSubscriberDelivery_wake_insert" AFTER INSERT ON "StatusSubscriberDelivery"
  FOR EACH STATEMENT EXECUTE FUNCTION tether_notify_work('queues');

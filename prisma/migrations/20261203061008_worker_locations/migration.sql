-- AlterTable
ALTER TABLE "WorkerHeartbeat" ADD COLUMN     "location" TEXT;

-- A located worker's slots live in IntegrationLocation, so changes there wake the workers too (the Integration
-- triggers of 20261202201500_worker_wakeups cover only its own row): a location row added (a location listed by a
-- write that does not move Integration.nextRunAt, e.g. a sync of tether.yaml or SQL), a slot made due again or
-- a lease given back by a stopping worker; not a worker's own move to the next slot, made while it holds the lease.
CREATE TRIGGER "IntegrationLocation_wake_insert" AFTER INSERT ON "IntegrationLocation"
  FOR EACH STATEMENT EXECUTE FUNCTION tether_notify_work('integrations');

CREATE TRIGGER "IntegrationLocation_wake_update" AFTER UPDATE OF "nextRunAt", "leaseOwner" ON "IntegrationLocation"
  FOR EACH ROW WHEN (
    (OLD."leaseOwner" IS NULL AND NEW."nextRunAt" IS DISTINCT FROM OLD."nextRunAt")
    OR (OLD."leaseOwner" IS NOT NULL AND NEW."leaseOwner" IS NULL AND NEW."nextRunAt" = OLD."nextRunAt"))
  EXECUTE FUNCTION tether_notify_work('integrations');

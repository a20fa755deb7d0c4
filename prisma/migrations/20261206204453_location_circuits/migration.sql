-- AlterTable
ALTER TABLE "IntegrationLocation" ADD COLUMN     "circuitState" "CircuitStateKind" NOT NULL DEFAULT 'closed',
ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastRunAt" TIMESTAMP(3),
ADD COLUMN     "lastRunOk" BOOLEAN,
ADD COLUMN     "openedAt" TIMESTAMP(3);

-- Each location's latest run so far, so the stored status can count the quorum from the first statement on.
UPDATE "IntegrationLocation" l
SET ("lastRunAt", "lastRunOk") = (
  SELECT r."startedAt", r.ok FROM "ProbeRun" r
  WHERE r."integrationId" = l."integrationId" AND r.location = l.location
  ORDER BY r."startedAt" DESC LIMIT 1);

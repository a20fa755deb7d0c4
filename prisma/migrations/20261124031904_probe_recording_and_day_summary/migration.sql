-- AlterTable
ALTER TABLE "CircuitState" ADD COLUMN     "lastRunAt" TIMESTAMP(3),
ADD COLUMN     "lastRunError" TEXT,
ADD COLUMN     "lastRunLatencyMs" INTEGER,
ADD COLUMN     "lastRunOk" BOOLEAN,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ProbeDaySummary" (
    "integrationId" UUID NOT NULL,
    "fromHour" TIMESTAMP(3) NOT NULL,
    "throughHour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "latencyMaxMs" DOUBLE PRECISION NOT NULL,
    "histIdx" INTEGER[],
    "histCnt" INTEGER[],
    "hourlyCount" INTEGER[],
    "hourlyFailures" INTEGER[],

    CONSTRAINT "ProbeDaySummary_pkey" PRIMARY KEY ("integrationId")
);

-- AddForeignKey
ALTER TABLE "ProbeDaySummary" ADD CONSTRAINT "ProbeDaySummary_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: each circuit row takes its integration's latest run (by start time; one index lookup each).
UPDATE "CircuitState" c
SET ("lastRunAt", "lastRunOk", "lastRunError", "lastRunLatencyMs") = (
  SELECT r."startedAt", r.ok, r."errorMessage", r."latencyMs" FROM "ProbeRun" r
  WHERE r."integrationId" = c."integrationId" ORDER BY r."startedAt" DESC LIMIT 1
);

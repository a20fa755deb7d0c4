-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "locations" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "quorum" INTEGER;

-- AlterTable
ALTER TABLE "ProbeRun" ADD COLUMN     "location" TEXT;

-- CreateTable
CREATE TABLE "IntegrationLocation" (
    "integrationId" UUID NOT NULL,
    "location" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),

    CONSTRAINT "IntegrationLocation_pkey" PRIMARY KEY ("integrationId","location")
);

-- CreateIndex
CREATE INDEX "IntegrationLocation_location_nextRunAt_idx" ON "IntegrationLocation"("location", "nextRunAt");

-- A slot is recorded once per location by the recording statement's guard (IntegrationLocation.nextRunAt = slot, the
-- row locked), as unlocated slots are by Integration.nextRunAt: ProbeRun is partitioned by day, so no unique index
-- without "startedAt" can say it.

-- AddForeignKey
ALTER TABLE "IntegrationLocation" ADD CONSTRAINT "IntegrationLocation_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

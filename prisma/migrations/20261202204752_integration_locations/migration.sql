-- DropIndex
DROP INDEX "ProbeRun_integrationId_scheduledFor_key";

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

-- CreateIndex
-- Hand-edited: an expression index (Prisma's schema cannot say it), so a slot of an integration probed by any worker
-- (location null) is still recorded once, each listed location records its own, and manual runs (scheduledFor
-- null) stay distinct as before.
CREATE UNIQUE INDEX "ProbeRun_integrationId_scheduledFor_location_key" ON "ProbeRun"("integrationId", "scheduledFor", coalesce("location", ''));

-- AddForeignKey
ALTER TABLE "IntegrationLocation" ADD CONSTRAINT "IntegrationLocation_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

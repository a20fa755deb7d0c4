-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "IntegrationKind" ADD VALUE 'postgres';
ALTER TYPE "IntegrationKind" ADD VALUE 'mysql';
ALTER TYPE "IntegrationKind" ADD VALUE 'redis';
ALTER TYPE "IntegrationKind" ADD VALUE 'rabbitmq';
ALTER TYPE "IntegrationKind" ADD VALUE 'nats';
ALTER TYPE "IntegrationKind" ADD VALUE 'mqtt';
ALTER TYPE "IntegrationKind" ADD VALUE 'tcp';
ALTER TYPE "IntegrationKind" ADD VALUE 'dns';
ALTER TYPE "IntegrationKind" ADD VALUE 'tls';
ALTER TYPE "IntegrationKind" ADD VALUE 'mcp';

-- AlterTable
ALTER TABLE "ProbeRun" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "ProbeRollupHour" (
    "integrationId" UUID NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "latencyMaxMs" DOUBLE PRECISION NOT NULL,
    "p95Ms" DOUBLE PRECISION,
    "histIdx" INTEGER[],
    "histCnt" INTEGER[],

    CONSTRAINT "ProbeRollupHour_pkey" PRIMARY KEY ("integrationId","bucket")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "inFlight" INTEGER NOT NULL,
    "current" JSONB NOT NULL,
    "probesRun" INTEGER NOT NULL DEFAULT 0,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProbeRollupHour_bucket_idx" ON "ProbeRollupHour"("bucket");

-- CreateIndex
CREATE INDEX "WorkerHeartbeat_lastSeenAt_idx" ON "WorkerHeartbeat"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "ProbeRollupHour" ADD CONSTRAINT "ProbeRollupHour_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('down', 'degraded', 'pending', 'healthy', 'paused');

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "errorRate" DOUBLE PRECISION,
ADD COLUMN     "status" "HealthStatus" NOT NULL DEFAULT 'pending',
ADD COLUMN     "statusAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Integration_status_name_id_idx" ON "Integration"("status", "name", "id");

-- CreateIndex
CREATE INDEX "Integration_kind_name_id_idx" ON "Integration"("kind", "name", "id");

-- CreateIndex
CREATE INDEX "ProbeDaySummary_fromHour_throughHour_idx" ON "ProbeDaySummary"("fromHour", "throughHour");

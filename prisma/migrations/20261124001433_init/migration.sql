-- CreateEnum
CREATE TYPE "IntegrationKind" AS ENUM ('http');

-- CreateEnum
CREATE TYPE "CircuitStateKind" AS ENUM ('closed', 'open', 'half_open');

-- CreateEnum
CREATE TYPE "ProbeTrigger" AS ENUM ('scheduled', 'manual');

-- CreateTable
CREATE TABLE "Integration" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "config" JSONB NOT NULL,
    "intervalSeconds" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "retryAttempts" INTEGER NOT NULL DEFAULT 2,
    "breakerThreshold" INTEGER NOT NULL DEFAULT 5,
    "breakerCooldownSeconds" INTEGER NOT NULL DEFAULT 60,
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeRun" (
    "id" BIGSERIAL NOT NULL,
    "integrationId" UUID NOT NULL,
    "scheduledFor" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "latencyMs" INTEGER,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "errorMessage" TEXT,
    "attempts" INTEGER NOT NULL,
    "circuitState" "CircuitStateKind" NOT NULL,
    "trigger" "ProbeTrigger" NOT NULL,
    "workerId" TEXT,
    "trace" JSONB NOT NULL,

    CONSTRAINT "ProbeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircuitState" (
    "integrationId" UUID NOT NULL,
    "state" "CircuitStateKind" NOT NULL DEFAULT 'closed',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CircuitState_pkey" PRIMARY KEY ("integrationId")
);

-- CreateTable
CREATE TABLE "CircuitTransition" (
    "id" BIGSERIAL NOT NULL,
    "integrationId" UUID NOT NULL,
    "from" "CircuitStateKind" NOT NULL,
    "to" "CircuitStateKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CircuitTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeRollupMinute" (
    "integrationId" UUID NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "latencyMaxMs" DOUBLE PRECISION NOT NULL,
    "p50Ms" DOUBLE PRECISION,
    "p95Ms" DOUBLE PRECISION,
    "p99Ms" DOUBLE PRECISION,
    "latencyHist" INTEGER[],

    CONSTRAINT "ProbeRollupMinute_pkey" PRIMARY KEY ("integrationId","bucket")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_name_key" ON "Integration"("name");

-- CreateIndex
CREATE INDEX "Integration_enabled_nextRunAt_idx" ON "Integration"("enabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "ProbeRun_integrationId_startedAt_idx" ON "ProbeRun"("integrationId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "ProbeRun_startedAt_idx" ON "ProbeRun"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProbeRun_integrationId_scheduledFor_key" ON "ProbeRun"("integrationId", "scheduledFor");

-- CreateIndex
CREATE INDEX "CircuitTransition_integrationId_at_idx" ON "CircuitTransition"("integrationId", "at" DESC);

-- CreateIndex
CREATE INDEX "ProbeRollupMinute_bucket_idx" ON "ProbeRollupMinute"("bucket");

-- AddForeignKey
ALTER TABLE "ProbeRun" ADD CONSTRAINT "ProbeRun_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitState" ADD CONSTRAINT "CircuitState_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitTransition" ADD CONSTRAINT "CircuitTransition_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProbeRollupMinute" ADD CONSTRAINT "ProbeRollupMinute_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

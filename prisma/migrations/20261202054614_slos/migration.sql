-- CreateTable
CREATE TABLE "Slo" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "objectivePct" DOUBLE PRECISION NOT NULL,
    "window" TEXT NOT NULL,
    "sli" JSONB NOT NULL,
    "slaPct" DOUBLE PRECISION,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Slo_pkey" PRIMARY KEY ("id")
);

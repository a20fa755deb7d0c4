-- CreateTable
CREATE TABLE "MetricsExposition" (
    "id" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "renderedAt" TIMESTAMP(3) NOT NULL,
    "renderedBy" TEXT,
    "renderMs" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,

    CONSTRAINT "MetricsExposition_pkey" PRIMARY KEY ("id")
);

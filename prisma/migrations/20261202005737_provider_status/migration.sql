-- CreateTable
CREATE TABLE "ProviderStatus" (
    "url" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "incidents" JSONB NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "polledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderStatus_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "McpToolVersion" (
    "id" BIGSERIAL NOT NULL,
    "integrationId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "setFingerprint" TEXT NOT NULL,
    "tools" JSONB NOT NULL,
    "changes" JSONB NOT NULL,
    "breaking" INTEGER NOT NULL,
    "additive" INTEGER NOT NULL,
    "cosmetic" INTEGER NOT NULL,
    "firstSeenRunId" BIGINT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "McpToolVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "McpToolVersion_integrationId_seq_key" ON "McpToolVersion"("integrationId", "seq");

-- AddForeignKey
ALTER TABLE "McpToolVersion" ADD CONSTRAINT "McpToolVersion_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

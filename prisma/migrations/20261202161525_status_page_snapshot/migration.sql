-- AlterTable
ALTER TABLE "StatusPage" ADD COLUMN     "customHost" TEXT;

-- CreateTable
CREATE TABLE "StatusPageSnapshot" (
    "pageId" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "access" "StatusPageAccess" NOT NULL,
    "customHost" TEXT,
    "fingerprint" TEXT NOT NULL,
    "view" JSONB NOT NULL,
    "summaryJson" TEXT NOT NULL,
    "statusJson" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "widgetHtml" TEXT NOT NULL,
    "badges" JSONB NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusPageSnapshot_pkey" PRIMARY KEY ("pageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusPage_customHost_key" ON "StatusPage"("customHost");

-- AddForeignKey
ALTER TABLE "StatusPageSnapshot" ADD CONSTRAINT "StatusPageSnapshot_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

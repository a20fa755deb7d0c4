-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "managedBy" TEXT;

-- AlterTable
ALTER TABLE "WebhookSource" ADD COLUMN     "managedBy" TEXT;

-- AlterTable
ALTER TABLE "NotificationChannel" ADD COLUMN     "managedBy" TEXT;

-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "managedBy" TEXT;

-- AlterTable
ALTER TABLE "AlertSilence" ADD COLUMN     "managedBy" TEXT,
ADD COLUMN     "name" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AlertSilence_name_key" ON "AlertSilence"("name");

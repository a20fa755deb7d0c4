-- AlterTable
ALTER TABLE "WebhookSource" ADD COLUMN     "maxAttempts" INTEGER NOT NULL DEFAULT 8;

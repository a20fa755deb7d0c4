-- CreateEnum
CREATE TYPE "StatusSubscriberChannel" AS ENUM ('email', 'webhook');

-- AlterTable
ALTER TABLE "StatusPage" ADD COLUMN     "emailChannelId" UUID;

-- CreateTable
CREATE TABLE "StatusSubscriber" (
    "id" UUID NOT NULL,
    "pageId" UUID NOT NULL,
    "channel" "StatusSubscriberChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "componentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tokenCiphertext" TEXT NOT NULL,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMP(3),
    "unsubscribeTokenHash" TEXT NOT NULL,
    "secretCiphertext" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPageNotice" (
    "id" UUID NOT NULL,
    "pageId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "componentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusPageNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSubscriberDelivery" (
    "id" BIGSERIAL NOT NULL,
    "subscriberId" UUID NOT NULL,
    "noticeId" UUID,
    "kind" TEXT NOT NULL,
    "status" "NotificationDeliveryStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSubscriberDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_confirmTokenHash_key" ON "StatusSubscriber"("confirmTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_unsubscribeTokenHash_key" ON "StatusSubscriber"("unsubscribeTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_pageId_channel_address_key" ON "StatusSubscriber"("pageId", "channel", "address");

-- CreateIndex
CREATE INDEX "StatusPageNotice_pageId_occurredAt_idx" ON "StatusPageNotice"("pageId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusPageNotice_pageId_updateId_key" ON "StatusPageNotice"("pageId", "updateId");

-- CreateIndex
CREATE INDEX "StatusSubscriberDelivery_status_nextAttemptAt_idx" ON "StatusSubscriberDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "StatusPage" ADD CONSTRAINT "StatusPage_emailChannelId_fkey" FOREIGN KEY ("emailChannelId") REFERENCES "NotificationChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusSubscriber" ADD CONSTRAINT "StatusSubscriber_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusPageNotice" ADD CONSTRAINT "StatusPageNotice_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "StatusPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusSubscriberDelivery" ADD CONSTRAINT "StatusSubscriberDelivery_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "StatusSubscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusSubscriberDelivery" ADD CONSTRAINT "StatusSubscriberDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "StatusPageNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

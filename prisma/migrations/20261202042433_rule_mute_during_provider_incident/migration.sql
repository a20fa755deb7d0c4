-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "muteDuringProviderIncident" BOOLEAN NOT NULL DEFAULT false;

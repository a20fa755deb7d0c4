-- AlterTable
ALTER TABLE "MetricsExposition" ADD COLUMN     "scrapedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ProbeRollupHour" ADD COLUMN     "errorClasses" JSONB NOT NULL DEFAULT '{}';

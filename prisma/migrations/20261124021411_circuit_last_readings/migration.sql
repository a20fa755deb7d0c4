-- AlterTable
ALTER TABLE "CircuitState" ADD COLUMN     "lastDetails" JSONB,
ADD COLUMN     "lastDetailsAt" TIMESTAMP(3);

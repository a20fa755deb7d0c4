-- AlterTable
ALTER TABLE "ProviderStatus" ADD COLUMN     "pageName" TEXT;

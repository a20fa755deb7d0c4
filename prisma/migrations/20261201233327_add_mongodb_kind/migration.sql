-- AlterEnum
ALTER TYPE "IntegrationKind" ADD VALUE 'mongodb';

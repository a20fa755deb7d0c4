-- AlterEnum
ALTER TYPE "IntegrationKind" ADD VALUE 'graphql';

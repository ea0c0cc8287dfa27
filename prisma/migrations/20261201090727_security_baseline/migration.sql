-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "webhookSecretLast4" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AlertEmailConfirmation" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEmailConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertEmailConfirmation_tokenHash_key" ON "AlertEmailConfirmation"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEmailConfirmation_organizationId_email_key" ON "AlertEmailConfirmation"("organizationId", "email");

-- AddForeignKey
ALTER TABLE "AlertEmailConfirmation" ADD CONSTRAINT "AlertEmailConfirmation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

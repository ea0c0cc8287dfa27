-- CreateEnum
CREATE TYPE "VpnChangeKind" AS ENUM ('ROUTES', 'ROTATE_KEY');

-- CreateEnum
CREATE TYPE "VpnChangeStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Tunnel" ADD COLUMN     "pendingPskEncrypted" TEXT;

-- CreateTable
CREATE TABLE "VpnChange" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "kind" "VpnChangeKind" NOT NULL,
    "requested" JSONB NOT NULL,
    "requestedById" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "VpnChangeStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "awsRequestIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VpnChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VpnChange_requestId_requestedAt_idx" ON "VpnChange"("requestId", "requestedAt");

-- CreateIndex
CREATE INDEX "VpnChange_status_idx" ON "VpnChange"("status");

-- One change at a time per VPN (decision 022): Prisma cannot declare a partial index.
CREATE UNIQUE INDEX "VpnChange_one_active_per_request" ON "VpnChange"("requestId") WHERE "status" IN ('PENDING', 'RUNNING');

-- AddForeignKey
ALTER TABLE "VpnChange" ADD CONSTRAINT "VpnChange_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VpnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

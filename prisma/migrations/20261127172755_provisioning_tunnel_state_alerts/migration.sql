-- CreateEnum
CREATE TYPE "WorkflowKind" AS ENUM ('PROVISION', 'DECOMMISSION');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "AlertChannel" AS ENUM ('EMAIL', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "notificationEmails" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "webhookSecretEncrypted" TEXT,
ADD COLUMN     "webhookUrl" TEXT;

-- AlterTable
ALTER TABLE "VpnRequest" ADD COLUMN     "lastPolledAt" TIMESTAMP(3),
ADD COLUMN     "platformAsn" INTEGER,
ADD COLUMN     "platformVpcCidr" TEXT,
ADD COLUMN     "vpnConnectionId" TEXT;

-- CreateTable
CREATE TABLE "ProvisioningStep" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "workflow" "WorkflowKind" NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "output" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProvisioningStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TunnelEvent" (
    "id" UUID NOT NULL,
    "tunnelId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "status" "TunnelStatus" NOT NULL,
    "statusMessage" TEXT,
    "acceptedRouteCount" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TunnelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "requestId" UUID,
    "tunnelNumber" INTEGER,
    "kind" TEXT NOT NULL,
    "channel" "AlertChannel" NOT NULL,
    "target" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningStep_requestId_workflow_name_key" ON "ProvisioningStep"("requestId", "workflow", "name");

-- CreateIndex
CREATE INDEX "TunnelEvent_tunnelId_occurredAt_idx" ON "TunnelEvent"("tunnelId", "occurredAt");

-- CreateIndex
CREATE INDEX "TunnelEvent_requestId_occurredAt_idx" ON "TunnelEvent"("requestId", "occurredAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_organizationId_createdAt_idx" ON "AlertDelivery"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_requestId_tunnelNumber_createdAt_idx" ON "AlertDelivery"("requestId", "tunnelNumber", "createdAt");

-- AddForeignKey
ALTER TABLE "ProvisioningStep" ADD CONSTRAINT "ProvisioningStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VpnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TunnelEvent" ADD CONSTRAINT "TunnelEvent_tunnelId_fkey" FOREIGN KEY ("tunnelId") REFERENCES "Tunnel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TunnelEvent" ADD CONSTRAINT "TunnelEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VpnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

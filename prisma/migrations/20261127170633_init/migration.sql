-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CUSTOMER', 'SUPPORT', 'ADMIN');

-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('TEAM', 'ENTERPRISE');

-- CreateEnum
CREATE TYPE "VpnStatus" AS ENUM ('PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'AWAITING_CUSTOMER', 'ACTIVE', 'DEGRADED', 'DOWN', 'REJECTED', 'FAILED', 'DECOMMISSIONING', 'DECOMMISSIONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Routing" AS ENUM ('STATIC', 'BGP');

-- CreateEnum
CREATE TYPE "IkeVersion" AS ENUM ('IKEV1', 'IKEV2');

-- CreateEnum
CREATE TYPE "TunnelStatus" AS ENUM ('UNKNOWN', 'UP', 'DOWN');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "plan" "Plan" NOT NULL,
    "vpnAddOn" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organizationId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VpnRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "customerName" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "recommendedRegion" TEXT NOT NULL,
    "estimatedRttMs" INTEGER NOT NULL,
    "customerGatewayIp" TEXT NOT NULL,
    "routing" "Routing" NOT NULL,
    "subnetRanges" TEXT[],
    "bgpAsn" BIGINT,
    "advertisedNetworks" TEXT[],
    "ikeVersion" "IkeVersion" NOT NULL,
    "tunnelCount" INTEGER NOT NULL,
    "status" "VpnStatus" NOT NULL DEFAULT 'PENDING_APPROVAL',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(3),
    "rejectedById" UUID,
    "rejectedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "cancelledById" UUID,
    "cancelledAt" TIMESTAMP(3),
    "decommissionRequestedById" UUID,
    "decommissionRequestedAt" TIMESTAMP(3),
    "decommissionedAt" TIMESTAMP(3),
    "failedStep" TEXT,
    "failureMessage" TEXT,
    "failedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VpnRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tunnel" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "outsideIp" TEXT,
    "insideCidr" TEXT NOT NULL,
    "pskEncrypted" TEXT NOT NULL,
    "status" "TunnelStatus" NOT NULL DEFAULT 'UNKNOWN',
    "statusMessage" TEXT,
    "statusSince" TIMESTAMP(3),
    "acceptedRouteCount" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tunnel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "actorId" UUID,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "organizationId" UUID,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");

-- CreateIndex
CREATE INDEX "VpnRequest_organizationId_status_idx" ON "VpnRequest"("organizationId", "status");

-- CreateIndex
CREATE INDEX "VpnRequest_status_submittedAt_idx" ON "VpnRequest"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Tunnel_requestId_number_key" ON "Tunnel"("requestId", "number");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_createdAt_idx" ON "AuditEvent"("targetType", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VpnRequest" ADD CONSTRAINT "VpnRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tunnel" ADD CONSTRAINT "Tunnel_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VpnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

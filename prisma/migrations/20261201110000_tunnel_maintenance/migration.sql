-- AlterEnum
ALTER TYPE "VpnChangeKind" ADD VALUE 'REPLACE_TUNNEL';

-- AlterTable
ALTER TABLE "Tunnel" ADD COLUMN     "maintenanceAlertedAt" TIMESTAMP(3),
ADD COLUMN     "maintenanceDeadline" TIMESTAMP(3),
ADD COLUMN     "maintenancePending" TEXT;

-- AlterTable
ALTER TABLE "VpnRequest" ADD COLUMN     "maintenanceCheckedAt" TIMESTAMP(3);

-- AlterEnum
ALTER TYPE "VpnChangeKind" ADD VALUE 'TUNNEL_OPTIONS';

-- AlterTable
ALTER TABLE "VpnRequest" ADD COLUMN     "dpdTimeoutAction" TEXT NOT NULL DEFAULT 'restart';

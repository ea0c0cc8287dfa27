-- AlterEnum: a new customer gateway IP as a day-2 change, which waits for support approval.
ALTER TYPE "VpnChangeKind" ADD VALUE 'CUSTOMER_GATEWAY';
ALTER TYPE "VpnChangeStatus" ADD VALUE 'AWAITING_APPROVAL' BEFORE 'PENDING';
ALTER TYPE "VpnChangeStatus" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "VpnChange" ADD COLUMN "decidedAt" TIMESTAMP(3),
ADD COLUMN "decidedById" UUID,
ADD COLUMN "rejectionReason" TEXT;
